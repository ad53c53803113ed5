// Date ranges in both forms (see date_range.hpp).
#include "engine/date_range.hpp"

#include <cctype>

namespace qadex {

std::string compact_date(std::string_view date) {
    const auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
        return true;
    };
    if (date.size() == 10 && date[4] == '-' && date[7] == '-' && digits(0, 4) && digits(5, 2) && digits(8, 2))
        return std::string(date.substr(0, 4)) + std::string(date.substr(5, 2)) + std::string(date.substr(8, 2));
    return std::string(date);
}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
    // The slot holds "YYYYMMDD" strings, which compare as dates.
    return Xapian::RangeProcessor::operator()(compact_date(begin), compact_date(end));
}

}  // namespace qadex
