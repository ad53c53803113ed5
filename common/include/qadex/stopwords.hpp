// English stopwords for query parsing: words that carry no topic in a
// natural-language question ("does", "the", "what") and would otherwise let
// common words dominate the ranking.
#pragma once

#include <xapian.h>

namespace qadex {

// A stopper holding the Snowball English stop list plus common question
// words. The object is built once per process and is immutable after.
const Xapian::Stopper& english_stopper();

}  // namespace qadex
