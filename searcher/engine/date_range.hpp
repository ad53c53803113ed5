// "date:LOW..HIGH" in a query: dates as results display them (2024-01-31)
// or as the date slot stores them (20240131).
#pragma once

#include <string>
#include <string_view>
#include <xapian.h>

namespace qadex {

// "2024-01-31" -> "20240131"; anything else unchanged.
std::string compact_date(std::string_view date);

class DateRangeProcessor : public Xapian::RangeProcessor {
public:
    DateRangeProcessor(Xapian::valueno slot, const std::string& prefix) : Xapian::RangeProcessor(slot, prefix) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override;
};

}  // namespace qadex
