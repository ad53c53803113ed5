// The words of a consumer question with the clues their typing gives: where
// each stands (sentence, position) and how it was capitalised. Case is read
// before normalising, since the searcher's normaliser folds it away.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qadex {

struct QuestionToken {
    std::string word;          // normalised (TextNormalizer: case and accents folded)
    std::size_t position = 0;  // index among all the question's words, stopwords included
    std::size_t sentence = 0;  // index of its sentence
    bool sentence_start = false;  // first word of its sentence
    bool capitalised = false;     // first letter typed upper case
    bool all_caps = false;        // two or more letters, all typed upper case
};

struct QuestionText {
    std::vector<QuestionToken> tokens;
    std::vector<bool> asking;  // per sentence: it ends with '?'
    bool shouting = false;     // most words typed in capitals: case tells nothing
};

// Words are runs of Xapian word characters (what its query parser takes),
// with inner apostrophes kept ("mother's"); sentences end at '.', '!' or '?'
// before a space or the end, and at line breaks.
QuestionText split_question(std::string_view utf8);

}  // namespace qadex
