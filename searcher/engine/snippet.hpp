// Query-biased snippets of answer text: the passage of at most N bytes that
// holds the most (and the weightiest) of the query's words, as plain text
// with the matched words' byte ranges.
//
// Xapian's MSet::snippet() does this too, but stems every word of every
// answer shown and looks up each distinct word's frequency; that was over a
// third of a search's cost. This keeps what users see (the weightiest
// passage, sentence starts, "…" where text is cut) and does the per-word
// work once per distinct word of a results page.
#pragma once

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include <qadex/text_normalizer.hpp>

#include "engine/highlighted_text.hpp"

namespace qadex {

class SnippetMaker {
public:
    // `mset` gives the query terms' weights; words match the query's
    // answer-text terms: exact ("botox"), stemmed as the indexer stems
    // (qadex/text_analysis.hpp: "Zbotox") and
    // wildcard prefixes ("boto*"). Terms of other fields (prefixed) are
    // never in answer text, so they are ignored.
    SnippetMaker(const Xapian::Query& query, const Xapian::MSet& mset, TextNormalizer& normalizer);

    // The passage of `text`, as it is, with `omit` where text is left out
    // and the matched words highlighted. `text_goes_on`: `text` is the
    // window of a longer text (StoredAnswer::body_cut), whose end is not the end.
    HighlightedText make(std::string_view text, std::size_t max_bytes, std::string_view omit,
                         bool text_goes_on = false) const;

private:
    struct Word {
        std::size_t begin, end;  // bytes of text
        int term;                // index into weights_, or -1
        bool sentence_start;
    };
    std::vector<Word> words_of(std::string_view text) const;
    int term_of(std::string_view word) const;  // cached per distinct word
    int match(const std::string& folded) const;

    Xapian::Stem stemmer_;
    TextNormalizer& normalizer_;
    std::unordered_map<std::string, int> exact_, stemmed_;  // term -> index into weights_
    std::vector<std::string> wildcards_;                     // prefixes, each with its own weight
    int wildcard_base_ = 0;  // weights_ index of wildcards_[0]
    std::vector<std::string> stem_leads_;  // first two bytes of each stem (see match)
    // First two bytes (lower-cased ASCII) that a matching word can start
    // with: most words are ruled out by one bit, without folding or hashing.
    std::bitset<65536> leads_;
    void add_lead(std::string_view term);
    std::vector<double> weights_;
    mutable std::unordered_map<std::string, int> seen_;  // word as written -> term or -1
};

}  // namespace qadex
