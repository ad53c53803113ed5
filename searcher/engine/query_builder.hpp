// Query understanding: turns what the user typed into the Xapian query that
// runs, with field weights, synonym expansion and spelling correction.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include <qadex/fields.hpp>
#include <qadex/text_normalizer.hpp>

#include "engine/field_filter.hpp"
#include "engine/query_budget.hpp"
#include "engine/term_weighting.hpp"
#include "engine/word_list.hpp"
#include "engine/proximity.hpp"
#include "engine/related.hpp"

namespace qadex {

// Ranking knobs, chosen by measurement on the relevance evaluation
// (bench/eval, bench/RESULTS.md). Defaults are the measured best.
struct RankingSettings {
    // How much a query word matching each default field counts
    // (OP_SCALE_WEIGHT on that field's BM25 weight), for queries in plain
    // words: field name -> weight, the field table's (qadex/fields.hpp)
    // unless --ranking sets them; 0 leaves the field out.
    std::map<std::string, double, std::less<>> field_weights = default_field_weights();
    std::size_t max_synonyms = 20;  // per group of words typed
    // A one-word synonym found in more than this share of answers is too
    // general to stand for the words typed ("tumor" for "cancer").
    double synonym_max_share = 0.01;
    // Synonyms are added only for words typed that are found in at most this
    // share of answers: they lift recall where the words typed find little
    // ("heart attack" where answers say "myocardial infarction"), and stay
    // out of the way where the words typed already find plenty.
    double synonym_key_max_share = 0.0002;
    // A query term found in more than this share of answers only refines the
    // ranking of answers that match a rarer term (OP_AND_MAYBE), as
    // Elasticsearch's cutoff_frequency and Lucene's CommonTermsQuery do: such
    // a term alone says little about an answer, and scoring every answer
    // that has it was most of the cost of long questions. 1 turns it off.
    // Terms in fewer than common_term_min_answers answers are never common:
    // their postings are cheap, and in a small index a share means few answers.
    double common_term_share = 0.02;
    double common_term_min_answers = 500;
    // In a long question only the words in the fewest answers decide what
    // matches; the others, like common words, only refine the ranking of
    // those answers. A consumer question of 60 words searched in four
    // fields is an OR of hundreds of posting lists, and at a million answers
    // merging them was most of its time. 0 turns it off.
    std::size_t max_deciding_words = 20;
    // Both rules above are for long questions: a query of at most this many
    // content words matches every answer that has any of them, in any field.
    std::size_t short_query_words = 3;
    // BM25 (Xapian's BM25Weight): term-frequency saturation and length normalisation.
    double bm25_k1 = 1.0;
    double bm25_b = 0.3;  // 0.25-0.35 measured alike on both collections; 0.5 lower on MEDIQA
    // Added to the score of answers whose category is the kind of answer the
    // question asks for (engine/question_type.hpp); 0 turns it off.
    double category_weight = 4.0;
    // Quality prior: up to this much is added for an answer's star rating
    // (rating / 5 of it). Off: MedQuAD has no ratings, so the evaluation
    // cannot show that it helps (docs/RANKING.md).
    double quality_weight = 0.0;
    // A typed word found in no answer is replaced by its spelling correction
    // (results "for" the correction); otherwise the correction is only offered
    // ("did you mean"), and searched when the typed query finds nothing.
    bool replace_unknown_words = true;
    // A typed word found in at most this many answers is also corrected when
    // its correction (one edit away) is found in popular_correction_ratio
    // times as many: "wat" (one tag, "WAT") is "what", not a rare tumour.
    // Words typed in capitals (acronyms) are never corrected. 0 turns it off.
    double popular_correction_max_answers = 2;
    double popular_correction_ratio = 1000;
    // Words of the medical word list (medical_word_list_path()) are real
    // words, never corrected, as those of the English one are.
    bool medical_words = true;
    // A word typed in capitals ("ALS", "AIDS") is searched unstemmed: stemmed,
    // "ALS" was "al" and found AL amyloidosis, "AIDS" "aid" (first aid).
    bool acronyms = true;
    // Plain words that are part of an author's name also search the author
    // field, at this weight (engine/author_names.hpp); 0 turns it off.
    double author_names_weight = 1.0;
    // Key terms of long questions (engine/term_weighting.hpp).
    KeyTermSettings keyterms;
    // Adjacent question words found together in an answer (engine/proximity.hpp).
    ProximitySettings proximity;
    // "Related questions" (engine/related.hpp).
    RelatedSettings related;
    // What one parsed query may cost (engine/query_budget.hpp).
    QueryBudget budget;
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
    Xapian::Query matching;  // `query` without the ranking priors: the same matches, cheaper to run
    std::string corrected;   // spelling-corrected query text, "" when none
    std::vector<std::string> notices;
    std::vector<QueryClause> clauses;  // the parts of `query`, for --explain
    bool parsed = false;     // the query language's parse, not plain words
    // The filter fields the parse names ("source:GARD"): when nothing
    // matches, that is the answer, not a syntax accident to retry as plain
    // words, and a value that matches no answer is named.
    std::vector<FieldFilter> field_filters;
};

// Not thread-safe: one per SearchEngine.
class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, RankingSettings settings);
    BuiltQuery build(const std::string& query, bool spelling, bool synonyms);
    // The query for `corrected` (as returned by build), without a new correction.
    BuiltQuery build_corrected(const std::string& corrected, bool synonyms);
    // As build(), but the query language's characters are taken as spaces.
    BuiltQuery build_as_words(const std::string& query, bool spelling, bool synonyms);

    const RankingSettings& settings() const { return settings_; }

private:
    struct DefaultField {
        const char* name;
        const char* prefix;
        double weight;
        Xapian::QueryParser parser;  // only this field as the default
    };

    struct SynonymMatch {
        std::size_t first = 0;              // index of its first word in words_of(text)
        std::string key;                    // the query words that matched, as one key
        std::vector<std::string> words;
        std::vector<std::string> synonyms;  // what the index lists for the key
    };
    std::vector<SynonymMatch> find_synonyms(const std::vector<std::string>& words) const;
    std::string within_limits(std::string text, std::vector<std::string>& notices) const;
    BuiltQuery build_normalized(const std::string& text, bool spelling, bool synonyms, bool as_words = false);
    std::optional<Xapian::Query> parse_structured(const std::string& text, BuiltQuery& out);
    Xapian::Query plain_words_query(const std::string& text, const std::vector<SynonymMatch>& groups, BuiltQuery& out);
    std::string spelling_correction(const std::string& text, const std::vector<SynonymMatch>& typed_synonyms,
                                    std::vector<std::string>& notices);
    // A word of the English list (loading both lists on first use).
    bool english_word(const std::string& word, std::vector<std::string>& notices);
    bool known_word(const std::string& word) const;
    Xapian::doccount answers_with(const std::vector<std::string>& words) const;
    void add_category_prior(const std::string& words, BuiltQuery& out) const;
    void add_quality_prior(BuiltQuery& out) const;

    Xapian::Query common_terms_refine(const Xapian::Query& query) const;
    std::set<std::string> refining_terms(const std::vector<std::string>& terms,
                                         const std::set<std::string>& other_words) const;

    Xapian::Database db_;
    RankingSettings settings_;
    Xapian::QueryParser structured_;  // every default field, the whole query language
    std::vector<DefaultField> default_fields_;
    TextNormalizer normalizer_;
    std::string typed_;         // the query as typed (build), for the key-term model
    // Words typed in capitals ("ALS", "AIDS"), lower case: searched unstemmed
    // in plain questions (typed_acronyms()).
    std::set<std::string> acronyms_;
    KeyTermWeights key_terms_;  // of the query being built (rule 11)
    // Read on the first word the index lacks (word_list_path() and
    // medical_word_list_path(); the second is optional).
    WordList real_words_;
    WordList medical_words_;
    bool real_words_read_ = false;
};

// True when `normalized` (normalize_query output) uses none of the query
// language: no quotes, parentheses, field:, wildcards, +/- or operators.
bool is_plain_words(const std::string& normalized);

}  // namespace qadex
