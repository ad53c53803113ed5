// Suggestions as you type (issue 18): completions of the last word typed and
// whole question titles, read from the index itself and weighted by how
// many answers they find. Used by `qadex-search --suggest` and the CGI's
// `?suggest=`.
//
// The text is folded as the indexer folds (TextNormalizer: case, accents),
// so "Diáb" completes like "diab". A last word that is a misspelt prefix
// ("diabt", "alzhiemer") is also completed from its edit-distance-1
// variants (deletion, insertion, substitution, swap of two neighbours),
// each looked up by one B-tree seek in the term list: at most ~60 seeks a
// letter, whatever the index's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include <qadex/text_normalizer.hpp>

#include "engine/word_list.hpp"

namespace qadex {

// Longer text is refused (BadQueryError; CGI 413): nobody types more into a
// search box before picking a suggestion, and it bounds the work.
inline constexpr std::size_t max_suggest_bytes = 200;
// Suggestions returned at most, and of those at most this many words (the
// rest, and any left unused, go to question titles).
inline constexpr std::size_t max_suggestions = 8;
inline constexpr std::size_t max_word_suggestions = 5;

enum class SuggestionKind { word, title };

struct Suggestion {
    std::string text;      // what to put in the search box
    SuggestionKind kind = SuggestionKind::word;
    std::uint64_t count = 0;  // word: answers holding it; title: answers to questions so titled
    bool corrected = false;   // word completed from a variant of the misspelt last word
};

struct SuggestResult {
    std::string text;     // as given
    std::vector<Suggestion> suggestions;  // words (count descending), then titles (count descending)
    double took_ms = 0;
};

// Throws BadQueryError when `text` is not UTF-8, is longer than
// max_suggest_bytes or holds a control character other than tab.
void check_suggest_text(std::string_view text);

// Not thread-safe (TextNormalizer): one per thread.
class Suggester {
public:
    explicit Suggester(Xapian::Database db);

    // Empty or blank text has no suggestions. Throws BadQueryError
    // (check_suggest_text) and Xapian::Error; a revision discarded by the
    // indexer meanwhile is reopened and read again.
    SuggestResult suggest(std::string_view text);

private:
    std::vector<Suggestion> suggest_folded(std::string_view text);

    Xapian::Database db_;
    TextNormalizer normalizer_;
    WordList english_;  // word_list_path(), to drop run-together words
};

const char* suggestion_kind_name(SuggestionKind kind);  // "word" or "title"

}  // namespace qadex
