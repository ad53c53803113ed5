// "source:GARD parkinson": a field that names what an answer is (its
// author, specialty, city, source or category) narrows the search, as
// Omega's boolean prefixes and Google's "site:" do, instead of adding every
// answer of that source to the results (the query's words are OR'd).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace qadex {

// "source:GARD" as typed in a query: the field's name and its value.
struct FieldFilter {
    std::string field;
    std::string value;
};

// The value's words, all required, in the field's free-text terms: stemmed
// as the indexer stems, so "specialty:dermatologists" finds
// "Dermatologist" and "author:kaplan" any author whose name has "Kaplan".
// Registered with QueryParser::add_boolean_prefix, which applies it as a
// filter (no weight): several values of one field are OR'd, fields AND'd,
// and -field:value excludes.
class FieldWordsFilter : public Xapian::FieldProcessor {
public:
    FieldWordsFilter(const Xapian::Database& db, std::string text_prefix);
    Xapian::Query operator()(const std::string& value) override;

private:
    Xapian::QueryParser parser_;
};

// Notices for filters that match no answer at all, whatever the rest of the
// query: "no answers where author = 'kaplan'" for --filter's exact values,
// "no answers where author has 'kaplan'" for the query's field words. Called
// when a search found nothing, to say why.
std::vector<std::string> unmatched_filter_notices(const Xapian::Database& db,
                                                  const std::vector<std::pair<std::string, std::string>>& exact,
                                                  const std::vector<FieldFilter>& named);

}  // namespace qadex
