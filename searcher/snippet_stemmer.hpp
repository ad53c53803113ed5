// The stemmer handed to Xapian's MSet::snippet(): it stems only the words
// that could match the query.
//
// snippet() stems every word it reads to compare "Z" + stem with the query's
// terms, and stemming was its largest cost (about 2,000 instructions a word).
// An English (Porter2) stem keeps the first two letters of its word, so a
// word whose first two bytes begin no stemmed query term cannot match any of
// them, and is returned unstemmed: it is then compared as itself, which is
// what snippet() does first anyway.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace qadex {

// A Xapian::Stem for snippets of answers to `query`: the English stemmer,
// skipped for words that cannot stem to one of the query's unprefixed
// stemmed terms ("Z" + stem, the answer text's field).
Xapian::Stem snippet_stemmer(const Xapian::Stem& english, const Xapian::Query& query);

}  // namespace qadex
