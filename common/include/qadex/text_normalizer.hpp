// Unicode text normalisation shared by the indexer and the searcher, so that
// both sides always turn the same characters into the same terms:
// NFKC + case folding ("ＢＯＴＯＸ" -> "botox", "ß" -> "ss"), Latin diacritic
// folding ("naïve" -> "naive"), and ICU word breaking for scripts written
// without spaces (Chinese, Japanese, Thai...), whose words are separated by
// spaces so that Xapian's term generator and query parser see them as words.
#pragma once

#include <string>
#include <string_view>

namespace qadex {

// Not thread-safe (it caches an ICU break iterator): use one per thread.
// ASCII text is folded without ICU. ICU itself is loaded, and its objects
// created, on the first non-ASCII text (icu_library.hpp), so a process that
// never meets any never pays for them. Throws FatalError if ICU is missing.
class TextNormalizer {
public:
    TextNormalizer();
    ~TextNormalizer();
    TextNormalizer(TextNormalizer&&) noexcept;
    TextNormalizer& operator=(TextNormalizer&&) noexcept;

    // Folded text for indexing. Invalid UTF-8 becomes U+FFFD.
    std::string normalize(std::string_view utf8);

    // Folded query text: the same folding, except that the query language's
    // upper-case operators (AND, OR, NOT, XOR, NEAR, ADJ) are kept as typed.
    std::string normalize_query(std::string_view utf8);

private:
    struct Impl;
    Impl* impl_;
};

// Case-folds and trims a short value (filter values, facet keys) and
// collapses inner white space to single spaces.
std::string fold_value(std::string_view utf8);

}  // namespace qadex
