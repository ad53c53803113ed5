// Question titles that hold every word typed, the last one completed: the
// "whole question" half of the suggestions (suggest.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace qadex {

struct TitleCompletion {
    std::string title;        // as stored (original case)
    std::uint64_t count = 0;  // answers to this question
};

// At most `limit` titles holding every word of `words` (folded) and at least
// one of `last_word_choices` (the last word's completions; empty when the
// last word is complete and already in `words`), from the first matching
// questions in index order: most answers first, then shortest. Titles that
// fold alike are one suggestion.
std::vector<TitleCompletion> complete_title(const Xapian::Database& db, const std::vector<std::string>& words,
                                            const std::vector<std::string>& last_word_choices, std::size_t limit);

}  // namespace qadex
