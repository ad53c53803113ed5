// Filters named in the query text (see field_filter.hpp).
#include "engine/field_filter.hpp"

#include <qadex/text_analysis.hpp>

namespace qadex {

FieldWordsFilter::FieldWordsFilter(const Xapian::Database& db, std::string text_prefix) {
    parser_.set_database(db);
    configure_analysis(parser_);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.add_prefix("", text_prefix);
}

Xapian::Query FieldWordsFilter::operator()(const std::string& value) {
    // Words only: the value was already cut out of the query, so its
    // operators or quotes mean nothing here.
    try {
        return parser_.parse_query(value, 0);
    } catch (const Xapian::QueryParserError&) {
        return Xapian::Query::MatchNothing;
    }
}

}  // namespace qadex
