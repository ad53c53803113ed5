// "Related questions" (more like this): from one answer, or every answer of
// one thread, the query that finds answers to other questions like it. Its
// words are the seed's most telling ones over the answer text, the question's
// title and body and the tags (each field's own rarity), at most
// RelatedSettings::max_words of them, each looked up in every default field
// (docs/RANKING.md, "Related questions"). SearchEngine::related runs it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace qadex {

// The knobs (RankingSettings::related; `--ranking related_...=VALUE`).
// Defaults are the measured best (bench/eval --related).
struct RelatedSettings {
    // At most this many distinct words make the query, whatever the length
    // of the answer: the query's cost is bounded (each word is up to four
    // posting lists, one per default field).
    std::size_t max_words = 20;      // related_words
    // How much a word of each seed field counts when choosing the words:
    // what the question is about (title, tags) says more than the answer's
    // wording.
    double body_weight = 1.0;        // related_body
    double title_weight = 3.0;       // related_title
    double question_weight = 1.0;    // related_question
    double tag_weight = 3.0;         // related_tag
    // Words found in more than this share of the answers (in their most
    // frequent field), and in more than common_min_answers, are not chosen:
    // they relate everything. (In a small index a share is a few answers.)
    double max_share = 0.2;          // related_max_share
    double common_min_answers = 500; // related_common_min
    // 1: each word's query terms are scaled by its selection score over the
    // best word's (0.2 at least); 0: every chosen word weighs as BM25 says.
    double score_scale = 1.0;        // related_scale
    // A word's term in one field found in more than this share of the
    // answers is left out of the query (the word still counts through its
    // other fields), unless it is the word's only term: its long posting
    // list cost more than it told (1.0: every field).
    double max_term_share = 1.0;     // related_term_share
};

// Sets a knob by its --ranking key ("related_words"...); false for other keys.
bool apply_related_setting(std::string_view key, double value, RelatedSettings& settings);
inline constexpr const char* related_setting_keys =
    "related_words, related_body, related_title, related_question, related_tag, related_max_share, related_common_min, "
    "related_scale";

// The documents to find others like: the answer with this id, else every
// answer of the thread with this id (at most a few dozen). Empty when
// neither exists.
struct RelatedSeed {
    std::vector<Xapian::docid> documents;
    std::vector<std::string> thread_ids;  // raw ids: their answers are never related
};
RelatedSeed find_related_seed(const Xapian::Database& db, const std::string& id);

struct RelatedWord {
    std::string stem;  // English stem: its terms are "Z" + field prefix + stem
    double score = 0;  // field weight x (1 + log wdf) x idf, summed over the seed's fields
};

// The seed's chosen words, best first, at most settings.max_words; never
// stopwords nor common words (max_share).
std::vector<RelatedWord> related_words(const Xapian::Database& db, const RelatedSeed& seed,
                                       const RelatedSettings& settings);

// The ranked query: an OR of each word in every default field (the answer
// text, the question's title and body, the tags), each field's term with its
// own BM25 statistics (but for a field where the word is too common,
// max_term_share); the seed's threads left out. Empty without words.
Xapian::Query related_query(const Xapian::Database& db, const std::vector<RelatedWord>& words,
                            const RelatedSeed& seed, const RelatedSettings& settings);

// Plain Xapian "more like this", the baseline bench/eval --related measures
// against: the top `terms` terms of the seed's ESet (every free-text term,
// BM25's default expand weighting), ORed; only the seed documents left out.
Xapian::Query plain_more_like_this(const Xapian::Database& db, const RelatedSeed& seed, std::size_t terms = 40);

}  // namespace qadex
