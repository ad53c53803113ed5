// Plain words also search who answered: "kaplan botox" ranks Dr. Kaplan's
// answers about Botox first, as a search over every field of Omega or
// Elasticsearch's multi_match would. The author field is not one of the
// default fields (each of those costs a postlist per word): a word adds an
// author clause only when it is part of some author's name in the index, so
// a question that names nobody costs one term lookup per word and is
// searched exactly as before.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace qadex {

// One weighted clause per distinct word of `words` (normalised, lower case)
// that is not a stop word and is a word of some answer's author: the
// unstemmed author term, scaled by `weight`. Empty when `weight` is 0.
std::vector<Xapian::Query> author_name_clauses(const Xapian::Database& db, const std::vector<std::string>& words,
                                               double weight);

}  // namespace qadex
