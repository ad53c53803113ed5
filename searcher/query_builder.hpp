// Query understanding: turns what the user typed into the Xapian query that
// runs, with field weights, synonym expansion and spelling correction.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include <qadex/text_normalizer.hpp>

namespace qadex {

// Ranking knobs, chosen by measurement on the relevance evaluation
// (bench/eval, bench/RESULTS.md). Defaults are the measured best.
struct RankingSettings {
    // How much a query word matching each field counts (OP_SCALE_WEIGHT on
    // that field's BM25 weight), for queries in plain words.
    double body_weight = 1.0;
    double title_weight = 1.0;
    double question_weight = 1.0;
    double tag_weight = 1.0;
    double synonym_weight = 0.5;  // a synonym's match, relative to the word typed
    std::size_t max_synonyms = 20;
    // A typed word found in no answer is replaced by its spelling correction
    // (results "for" the correction); otherwise the correction is only offered
    // ("did you mean"), and searched when the typed query finds nothing.
    bool replace_unknown_words = true;
};

// A piece of the query whose weight --explain reports on its own: a term in
// a field, a synonym's phrase, or a term of a structured query.
struct QueryClause {
    std::string label;    // the term as indexed, or "\"muscle atrophy\"" for a phrase
    std::string field;    // "body", "title", "question", "tag", "author", ...
    bool synonym = false; // came from synonym expansion
    Xapian::Query query;  // scaled as in the full query
};

struct BuiltQuery {
    Xapian::Query query;
    std::string corrected;   // spelling-corrected query text, "" when none
    std::vector<std::string> notices;
    std::vector<QueryClause> clauses;  // the parts of `query`, for --explain
};

// Not thread-safe: one per SearchEngine.
class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, RankingSettings settings);
    BuiltQuery build(const std::string& query, bool spelling, bool synonyms);
    // The query for `corrected` (as returned by build), without a new correction.
    BuiltQuery build_corrected(const std::string& corrected, bool synonyms);

    const RankingSettings& settings() const { return settings_; }

private:
    struct DefaultField {
        const char* name;
        const char* prefix;
        double weight;
        Xapian::QueryParser parser;  // only this field as the default
    };

    struct SynonymMatch {
        std::string key;                    // the query words that matched, as one key
        std::vector<std::string> words;
        std::vector<std::string> synonyms;  // what the index lists for the key
    };
    std::vector<SynonymMatch> find_synonyms(const std::string& text) const;
    BuiltQuery build_normalized(const std::string& text, bool spelling, bool synonyms);
    Xapian::Query parse_structured(const std::string& text, BuiltQuery& out);
    Xapian::Query plain_words_query(const std::string& text, BuiltQuery& out);
    Xapian::Query synonyms_query(const std::string& text, BuiltQuery& out);
    std::string spelling_correction(const std::string& text) const;
    bool known_word(const std::string& word) const;

    Xapian::Database db_;
    RankingSettings settings_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser structured_;  // every default field, the whole query language
    std::vector<DefaultField> default_fields_;
    TextNormalizer normalizer_;
};

// True when `normalized` (normalize_query output) uses none of the query
// language: no quotes, parentheses, field:, wildcards, +/- or operators.
bool is_plain_words(const std::string& normalized);

}  // namespace qadex
