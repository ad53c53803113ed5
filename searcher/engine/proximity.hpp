// Proximity: adjacent words of a plain question that stand together in an
// answer ("myocardial infarction") add to its score. Only pairs that the
// index shows to be a unit count (docs/RANKING.md): every adjacent pair of
// a consumer question, weighted as its words are, let chatter ("last night")
// decide the ranking.
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

namespace qadex {

struct BuiltQuery;
struct RankingSettings;

struct ProximitySettings {
    // Which adjacent pairs of content words count:
    // 0 none (off); 1 pairs found as a phrase in some question title or tags
    // (a name the index knows); 2 collocations: pairs whose phrase is found
    // in far more answers than their words' frequencies predict (pmi);
    // 3 pairs passing 1 or 2; 4 every pair found in some answer.
    int mode = 4;
    // How a counted pair weighs: 0 its phrase per field, scaled by `weight`
    // (OP_SCALE_WEIGHT: the phrase weighs as its words' BM25 weights);
    // 1 a fixed weight, `weight` x log(N / answers with the phrase), for
    // answers with the phrase in any of the fields.
    int scheme = 1;
    double weight = 0.5;
    // 2: the words next to each other, in order (OP_PHRASE); more: within
    // that many words, in any order (OP_NEAR).
    unsigned window = 2;
    std::size_t max_pairs = 6;     // pairs (and triples) counted per question
    std::size_t max_checked = 12;  // pairs looked up in the index per question
    // Collocation: log(answers with the phrase x N / (answers with each word)) above this.
    double min_pmi = 3.0;
    double min_phrase_answers = 2;  // answers with the phrase, for a collocation
    // Pairs with a common word (RankingSettings::common_term_share): 0 never
    // count, 1 count when not all their words are common, 2 always count.
    int common_pairs = 1;
    bool triples = true;  // three words whose two pairs both count are looked up as well
    // Which pairs are looked up first: 0 the rarest words', 1 in the order typed.
    int order = 0;
    // Answers with a phrase are counted exactly up to this many, estimated beyond.
    double count_up_to = 20;
    // Fields the phrase is looked for in, scaled as the words are (0 leaves a field out).
    double body = 1.0;
    double title = 1.0;
    double question = 0.0;
    double tag = 0.0;
};

// `ranking.proximity` for --ranking KEY=VALUE (proximity, proximity_weight,
// ...); false when KEY is not one of its keys.
bool apply_proximity_setting(const std::string& key, double value, ProximitySettings& settings);
extern const char* const proximity_setting_keys;  // for the error message

// Adds the proximity refinement of plain `words` (normalised, without the
// query language) to `out.query` as an OP_AND_MAYBE, so it never changes
// which answers match, and its clauses to `out.clauses` (--explain).
void add_proximity(const Xapian::Database& db, const std::string& words, const RankingSettings& ranking,
                   BuiltQuery& out);

}  // namespace qadex
