// The fields users name, one row each: "title:botox" and plain words in a
// query, --filter FIELD=VALUE, --facets, ranges such as rating:4..5, and the
// help texts that list them. The indexer writes each field under the
// prefixes and slots of its row, the searcher reads them from the same row,
// so adding a filter or a facet is an edit here (and in
// tests/test_fields.cpp). The prefixes and slots themselves are schema.hpp's.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <qadex/schema.hpp>

namespace qadex {

// How "field:LOW..HIGH" compares a field's value slot.
enum class FieldRange {
    none,
    number,  // sortable_serialise numbers (Xapian::NumberRangeProcessor)
    date,    // "YYYYMMDD" strings, which sort as dates (Xapian::RangeProcessor)
};

inline constexpr Xapian::valueno no_slot = Xapian::BAD_VALUENO;

struct Field {
    const char* name = "";               // as users type it, lower case
    const char* text_prefix = nullptr;   // free-text terms, searched by "name:word"
    const char* filter_prefix = nullptr; // exact values (schema::filter_term), for --filter
    Xapian::valueno facet_slot = no_slot;  // one display value per answer, counted by --facets
    FieldRange range = FieldRange::none;
    Xapian::valueno range_slot = no_slot;  // what "name:LOW..HIGH" compares
    double default_weight = 0;           // > 0: words without a field are looked up here too
    const char* help = "";               // one line for --help

    bool is_filter() const { return filter_prefix != nullptr; }
    bool is_facet() const { return facet_slot != no_slot; }
};

// In the order help texts and error messages list them; words without a
// field are parsed per default field in this order too (body first).
inline constexpr Field all_fields[] = {
    {.name = "body", .text_prefix = schema::prefix::body, .default_weight = 1.0,
     .help = "the answer's title and text"},
    {.name = "title", .text_prefix = schema::prefix::title, .default_weight = 1.0, .help = "the question's title"},
    {.name = "question", .text_prefix = schema::prefix::question, .default_weight = 1.0,
     .help = "the question's text"},
    {.name = "author", .text_prefix = schema::prefix::author, .filter_prefix = schema::prefix::filter_author,
     .help = "who answered"},
    {.name = "specialty", .text_prefix = schema::prefix::specialty, .filter_prefix = schema::prefix::filter_specialty,
     .facet_slot = schema::slot::specialty, .help = "the answerer's specialty"},
    {.name = "location", .text_prefix = schema::prefix::location, .filter_prefix = schema::prefix::filter_location,
     .help = "the answerer's city"},
    {.name = "source", .text_prefix = schema::prefix::source, .filter_prefix = schema::prefix::filter_source,
     .facet_slot = schema::slot::source, .help = "the site or collection"},
    {.name = "tag", .text_prefix = schema::prefix::tag, .filter_prefix = schema::prefix::filter_tag,
     .default_weight = 1.0, .help = "the question's tags"},
    {.name = "category", .text_prefix = schema::prefix::category, .filter_prefix = schema::prefix::filter_category,
     .facet_slot = schema::slot::category, .help = "the question's type (causes, treatment...)"},
    {.name = "rating", .range = FieldRange::number, .range_slot = schema::slot::rating,
     .help = "range of the answerer's stars (0 to 5), e.g. rating:4..5"},
    {.name = "reviews", .range = FieldRange::number, .range_slot = schema::slot::reviews,
     .help = "range of the reviews behind the rating, e.g. reviews:10.."},
    {.name = "votes", .range = FieldRange::number, .range_slot = schema::slot::votes,
     .help = "range of the answer's helpfulness votes, e.g. votes:5.."},
    {.name = "date", .range = FieldRange::date, .range_slot = schema::slot::date,
     .help = "range of the answer's date, e.g. date:2024-01-01..2024-12-31 (or 20240101..)"},
};

// The row named `name`, or nullptr.
const Field* find_field(std::string_view name);

// A row known at compile time: field("title").text_prefix. An unknown name
// does not compile.
consteval const Field& field(std::string_view name) {
    for (const Field& f : all_fields)
        if (name == f.name) return f;
    throw "no such field";
}

// Names of the fields --filter takes, and of those --facets counts, in table order.
const std::vector<std::string>& filter_fields();
const std::vector<std::string>& facet_fields();

// Field name -> weight of the default fields (RankingSettings::field_weights).
std::map<std::string, double, std::less<>> default_field_weights();

// The "Fields:" section of qadex-search --help: one line per field, its
// name, help and what else takes it (plain words, --filter, --facets).
std::string fields_help();

}  // namespace qadex
