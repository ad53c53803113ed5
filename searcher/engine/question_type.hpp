// Question-type recognition: "what causes...", "how is it treated...", "is it
// inherited..." name the kind of answer wanted. Answers to that kind of
// question (the thread's category, as in MedQuAD's "causes", "treatment",
// "inheritance") get a boost in ranking.
#pragma once

#include <string>
#include <vector>

namespace qadex {

// The categories a question in these (normalised, lower-case) words asks
// for, most specific first; empty when no cue is found. A word is a cue when
// its English stem is a cue word's ("diagnosed" as "diagnose"). Category names are
// lower case; SearchEngine matches them case-insensitively.
std::vector<std::string> question_categories(const std::vector<std::string>& words);

}  // namespace qadex
