// How folded text (text_normalizer.hpp) becomes terms, the same in the
// indexer and the searcher: Xapian's English Snowball stemmer with the
// STEM_SOME strategy (each word indexed as written and as "Z" + its stem),
// default TermGenerator flags (no FLAG_SPELLING: the indexer collects
// spelling words from the terms itself), and at query time only, the stop
// list of stopwords.hpp. Changing any of this changes the terms: bump
// schema::version.
#pragma once

#include <xapian.h>

namespace qadex {

// The stemmer of every stemmed term. Its stems keep their word's first two
// letters, which the snippet maker relies on (engine/snippet.cpp).
Xapian::Stem term_stemmer();

// Stemmer and strategy for documents. Stopwords are indexed: a phrase
// ("to be or not to be") must still match.
void configure_analysis(Xapian::TermGenerator& generator);

// Stemmer, strategy and stopper for queries.
void configure_analysis(Xapian::QueryParser& parser);

}  // namespace qadex
