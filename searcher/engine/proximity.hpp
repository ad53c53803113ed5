// Proximity: adjacent words of a plain question that stand together in an
// answer ("myocardial infarction") add to its score (docs/RANKING.md, rule 12).
// A pair weighs by its own rarity as a phrase, a fixed weight, not by the
// weights of its words: weighted as its words are, every adjacent pair of a
// consumer question let chatter ("last night", "took pills") decide the ranking.
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

namespace qadex {

struct BuiltQuery;
struct RankingSettings;

struct ProximitySettings {
    // On since BM25's b is 0.3 (docs/RANKING.md, rule 12): LiveQA and MEDIQA
    // dev nDCG@10 both rise (0.5209 -> 0.5246, 0.6761 -> 0.6848).
    bool enabled = true;
    // A pair adds weight x log(N / answers with it) to every answer that has
    // it in a field below; the answers are counted up to count_up_to (so the
    // same from one database or shards), or bounded without a look-up.
    double weight = 0.3;
    double count_up_to = 20;
    // 2: the words next to each other, in order (OP_PHRASE); more: within
    // that many words, in any order (OP_NEAR).
    unsigned window = 2;
    std::size_t max_pairs = 6;     // pairs (and triples) that count, per question
    std::size_t max_checked = 12;  // pairs (and triples) looked up in the index, rarest words first
    // Pairs of common words (RankingSettings::common_term_share): 0 no pair
    // with a common word, 1 not both words common, 2 any.
    int common_pairs = 1;
    bool triples = true;  // three words whose two pairs both count are looked up as well
    // 1: each pair is looked up in the index first (a match of its own) and
    // weighs by how many answers have it; 0: no look-up, a pair weighs as if
    // in as many answers as its rarer word (count_up_to at most) and is
    // matched only against the answers the words find (three-word runs are
    // then not tried). 0: as good on both collections, and no phrase is
    // matched beyond the ranked match.
    bool lookup = false;
    // Fields the phrase is looked for in, scaled as the words are (0 leaves a field out).
    double body = 1.0;
    double title = 1.0;
    double question = 0.0;
    double tag = 0.0;
};

// `ranking.proximity` from --ranking KEY=VALUE (proximity=0 turns it off,
// proximity_weight, ...); false when KEY is not one of its keys.
bool apply_proximity_setting(const std::string& key, double value, ProximitySettings& settings);
extern const char* const proximity_setting_keys;  // for the error message

// Adds the proximity refinement of plain `words` (normalised, without the
// query language) to `out.query` as an OP_AND_MAYBE, so it never changes
// which answers match, and its parts to `out.clauses` (--explain, field "phrase").
void add_proximity(const Xapian::Database& db, const std::string& words, const RankingSettings& ranking,
                   BuiltQuery& out);

}  // namespace qadex
