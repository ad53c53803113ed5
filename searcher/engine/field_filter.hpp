// "source:GARD parkinson": a field that names what an answer is (its
// author, specialty, city, source or category) narrows the search, as
// Omega's boolean prefixes and Google's "site:" do, instead of adding every
// answer of that source to the results (the query's words are OR'd).
#pragma once

#include <string>

#include <xapian.h>

namespace qadex {

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

}  // namespace qadex
