// Key terms in ranking (docs/RANKING.md, rule 11): in a long question, each
// content word's query terms weigh by how likely an expert who sums the
// question up keeps the word (the key-term model, term_model.hpp). Knobs
// try more uses of it (rule 10's deciding words, question-type cues, a
// title boost); the defaults keep only the weighing.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace qadex {

class TermModel;

// The knobs (RankingSettings::keyterms; `--ranking keyterms...=VALUE`).
// Defaults are the measured best (docs/RANKING.md, rule 11).
struct KeyTermSettings {
    bool enabled = true;          // keyterms: 0 turns everything below off
    // Only questions with more content words (distinct stems, stopwords left
    // out) than this are weighed: in a short question every word counts.
    std::size_t min_words = 4;    // keyterms_min_words
    // A word's terms are scaled by floor + (1 - floor) * x^power, x its
    // probability itself (shape 1) or divided by the question's largest
    // (shape 0). floor > 0: no word, so no answer, is lost.
    double floor = 0.5;           // keyterms_floor
    int shape = 1;                // keyterms_shape
    double power = 1.0;           // keyterms_power
    // Every factor times this: for experiments on the text's weight against
    // the fixed question-type prior (rule 5).
    double scale = 1.0;           // keyterms_scale
    // Query-language queries that are an OR at the top (a question with
    // "(DVT)" or ":" in it) are weighed too, term by term.
    bool structured = true;       // keyterms_structured
    // Rule 10's deciding words are the likeliest ones rather than the
    // rarest. Off: no better on the dev questions, and the rarest words have
    // the shortest posting lists, which is what rule 10 is for.
    bool deciding = false;        // keyterms_deciding
    // Rule 10b: a word an expert rarely keeps (probability below this) and
    // found in more than chatter_min_share of the answers refines instead
    // of deciding ("old", "now", "want" in a long question), as long as
    // another word decides; 0 turns it off. Its long posting lists made the
    // slowest questions at 1M answers.
    double chatter_below = 0.15;          // keyterms_chatter
    double chatter_min_share = 0.005;     // keyterms_chatter_share
    // Question-type cues (rule 5) only from words whose probability is at
    // least this share of the question's largest (stopwords such as "why"
    // and "what" always cue); 0 turns the filter off.
    double cue_min = 0;           // keyterms_cue
    // Words whose probability is at least title_min times the question's
    // largest: their title terms weigh title_boost times more, and answers
    // whose question title holds one get title_fixed added (OP_AND_MAYBE,
    // like the question-type prior). Off: both measured worse.
    double title_min = 1.01;      // keyterms_title_min (above 1: no word)
    double title_boost = 1.0;     // keyterms_title
    double title_fixed = 0;       // keyterms_title_fixed
};

// The model shipped in the binary (data/term-model.tsv, built in), or the
// file $QADEX_TERM_MODEL names; read once per process, on first use.
const TermModel& shipped_term_model();

// What the model says of one question; empty (every factor 1) when the
// question is short or the setting is off.
class KeyTermWeights {
public:
    KeyTermWeights() = default;

    // `question` as typed (its capitals are clues); `searched`, the
    // normalised words searched (a spelling correction may have changed
    // some: those are weighed from `searched`).
    static KeyTermWeights for_question(std::string_view question, std::string_view searched,
                                       const Xapian::Database& db, const KeyTermSettings& settings);

    bool active() const { return !probability_.empty(); }

    // The scale of a query: the largest factor of its terms' words (a
    // phrase or synonym group weighs as its likeliest word), 1 when the
    // model knows none of them. A term's field is read from its prefix.
    double factor(const Xapian::Query& query) const;
    // `query` scaled by factor(query) (OP_SCALE_WEIGHT), or itself.
    Xapian::Query scaled(const Xapian::Query& query) const;

    // Rule 10: (frequency, stem) pairs put in the order of deciding, the
    // likeliest word first (ties: the rarer). False when inactive or the
    // setting is off: the caller keeps its own order.
    bool order_deciding(std::vector<std::pair<Xapian::doccount, std::string>>& by_frequency) const;

    // Rule 10b: the stem is chatter, found in `frequency` of `doccount`
    // answers (see chatter_below). False when inactive or off.
    bool chatter(const std::string& stem, Xapian::doccount frequency, Xapian::doccount doccount) const;

    // The words that may cue a question type (rule 5): `words` without the
    // content words whose probability is below cue_min times the largest.
    std::vector<std::string> cue_words(const std::vector<std::string>& words) const;

    // The fixed-weight title prior (title_fixed), or an empty query.
    Xapian::Query title_prior() const;

    // Stem -> the model's probability, for tests.
    const std::map<std::string, double>& probabilities() const { return probability_; }

private:
    double term_factor(std::string_view term, bool& known) const;

    KeyTermSettings settings_;
    std::map<std::string, double> probability_;  // stem -> P(an expert keeps the word)
    double largest_ = 0;                         // the largest of them (> 0 when any)
};

}  // namespace qadex
