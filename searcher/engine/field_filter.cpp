// Filters named in the query text (see field_filter.hpp).
#include "engine/field_filter.hpp"

#include <qadex/fields.hpp>
#include <qadex/schema.hpp>
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

std::vector<std::string> unmatched_filter_notices(const Xapian::Database& db,
                                                  const std::vector<std::pair<std::string, std::string>>& exact,
                                                  const std::vector<FieldFilter>& named) {
    std::vector<std::string> notices;
    for (const auto& [name, value] : exact) {
        const Field* f = find_field(name);
        if (f && f->is_filter() && db.get_termfreq(schema::filter_term(f->filter_prefix, value)) == 0)
            notices.push_back("no answers where " + name + " = '" + value + "'");
    }
    for (const FieldFilter& filter : named) {
        const Field* f = find_field(filter.field);
        if (!f || !f->text_prefix) continue;
        Xapian::Enquire enquire(db);
        enquire.set_query(FieldWordsFilter(db, f->text_prefix)(filter.value));
        if (enquire.get_mset(0, 0, 1).get_matches_lower_bound() == 0)
            notices.push_back("no answers where " + filter.field + " has '" + filter.value + "'");
    }
    return notices;
}

}  // namespace qadex
