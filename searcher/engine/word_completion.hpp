// Completions of one folded word prefix from the index's term lists: the
// question titles' words (prefix S) and the answers' words (unprefixed),
// each counted by the answers that hold it. A prefix that completes to
// almost nothing is taken for a misspelling and its edit-distance-1
// variants are completed too (suggest.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace qadex {

class WordList;

struct WordCompletion {
    std::string word;
    std::uint64_t count = 0;  // answers holding the word in their question title or their text, whichever is more
    bool corrected = false;   // completes a variant of the prefix, not the prefix itself
};

// At most `limit` completions of `prefix` (folded, non-empty), most answers
// first (ties: alphabetical). Reads at most a few thousand terms. Words
// that are two run together ("diabetesis") are left out: `english` (maybe
// not loaded) tells them from real words.
std::vector<WordCompletion> complete_word(const Xapian::Database& db, const std::string& prefix, std::size_t limit,
                                          const WordList& english);

// The prefix's edit-distance-1 variants over a-z (deletions, insertions,
// substitutions, swaps of neighbours), sorted, without the prefix itself.
std::vector<std::string> prefix_variants(const std::string& prefix);

}  // namespace qadex
