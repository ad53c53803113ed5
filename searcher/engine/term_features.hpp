// What the key-term model knows of each content word of a question: clues
// computable at query time from the question text alone and the open
// database, nothing a caller must mark (the searcher gets one string).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace qadex {

// One word's features, indexed by term_feature::Index (a namespace of its
// own: names like "position" are too broad for all of qadex). "nidf" is
// log((N+1)/(df+1)) / log(N+1), N answers in the database and df those whose
// field holds the word's stem: 0 for a word in every answer, 1 for one in
// none, comparable across corpus sizes. A field no answer has (MedQuAD has
// no question bodies) gives 1 for every word: the shipped model weighs it 0.
namespace term_feature {

enum Index : std::size_t {
    nidf_body,          // in the answer text ("")
    nidf_title,         // in the question titles ("S")
    nidf_question,      // in the question bodies ("XQ")
    nidf_tag,           // in the tags ("K")
    in_titles,          // 1 if some title holds the stem
    tag_name,           // 1 if the word is a whole tag ("diabetes")
    unknown,            // 1 if no field of any answer holds the stem
    capitalised,        // 1 if typed with a capital, not first in its sentence (nor in a shouted question)
    all_caps,           // 1 if typed in capitals, two letters or more ("DVT"; not in a shouted question)
    position,           // first occurrence: 0 first word of the question .. 1 last
    first_sentence,     // 1 if in the first sentence (the subject joins it)
    last_sentence,      // 1 if in the last sentence
    asking_sentence,    // 1 if in a sentence ending with '?'
    number,             // 1 if it has a digit
    length,             // characters, at most 20
    suffix_ing_ed,      // 1 for -ing, -ed: verbs of the story ("started")
    suffix_ly,          // 1 for -ly
    suffix_abstract,    // 1 for -tion, -sion, -ment, -ness, -ity
    suffix_medical,     // 1 for -itis, -oma, -osis, -emia, -pathy, -ectomy, -algia ...
    suffix_drug,        // 1 for -mab, -pril, -statin, -olol, -azole, -mycin, -vir ...
    occurrences,        // times the stem occurs in the question, at most 4
    count
};

inline constexpr std::array<std::string_view, count> names = {
    "nidf_body",     "nidf_title",     "nidf_question",   "nidf_tag",      "in_titles",      "tag_name",
    "unknown",       "capitalised",    "all_caps",        "position",      "first_sentence", "last_sentence",
    "asking_sentence", "number",       "length",          "suffix_ing_ed", "suffix_ly",      "suffix_abstract",
    "suffix_medical", "suffix_drug",   "occurrences"};

}  // namespace term_feature

using TermFeatures = std::array<double, term_feature::count>;

struct QuestionWord {
    std::string word;  // normalised, as first typed
    std::string stem;  // English stem: the query's terms are "Z" + field prefix + stem
    TermFeatures features{};
};

// The question's content words (stopwords dropped), one per distinct stem,
// in the order they first occur.
std::vector<QuestionWord> content_words(std::string_view question, const Xapian::Database& db);

}  // namespace qadex
