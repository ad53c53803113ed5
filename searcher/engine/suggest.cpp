// Suggestions as you type (see suggest.hpp): splits what was typed into the
// words kept as they are and the last word to complete, then asks the word
// and title completers.
#include "engine/suggest.hpp"

#include <algorithm>
#include <chrono>

#include <qadex/stopwords.hpp>
#include <qadex/utf8.hpp>

#include "engine/reopen_retry.hpp"
#include "engine/search_engine.hpp"  // BadQueryError
#include "engine/title_completion.hpp"
#include "engine/word_completion.hpp"

namespace qadex {

namespace {

// The title query holds at most this many of the words typed before the last.
constexpr std::size_t max_title_words = 8;
// Titles are looked for with this many of the last word's completions.
constexpr std::size_t max_title_choices = 3;

bool is_space(char c) { return c == ' ' || c == '\t'; }

// ASCII punctuation separates words as Xapian's term generator separates
// them; an apostrophe or underscore inside a word belongs to it ("alzheimer's").
// Bytes of other characters are word characters (the normalizer has already
// put spaces between the words of scripts written without them).
bool is_word_byte(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' ||
           c == '_';
}

std::vector<std::string> split(std::string_view text, bool (*is_part)(char)) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_part(text[i])) ++i;
        std::size_t start = i;
        while (i < text.size() && is_part(text[i])) ++i;
        if (i > start) out.emplace_back(text.substr(start, i - start));
    }
    return out;
}

bool not_space(char c) { return !is_space(c); }

// Folded words of `text`, without apostrophes at their ends.
std::vector<std::string> folded_words(TextNormalizer& normalizer, std::string_view text) {
    std::vector<std::string> out;
    for (std::string w : split(normalizer.normalize(text), is_word_byte)) {
        const auto first = w.find_first_not_of('\''), last = w.find_last_not_of('\'');
        if (first != std::string::npos) out.push_back(w.substr(first, last - first + 1));
    }
    return out;
}

std::string join_words(const std::vector<std::string>& words, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += words[i] + " ";
    return out;
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

const char* suggestion_kind_name(SuggestionKind kind) { return kind == SuggestionKind::title ? "title" : "word"; }

void check_suggest_text(std::string_view text) {
    if (!utf8::is_valid(text)) throw BadQueryError("the text to complete is not valid UTF-8");
    if (text.size() > max_suggest_bytes)
        throw BadQueryError("the text to complete is longer than " + std::to_string(max_suggest_bytes) + " bytes");
    for (char c : text)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F)
            throw BadQueryError("the text to complete contains a control character");
}

Suggester::Suggester(Xapian::Database db) : db_(std::move(db)) {
    english_.load(word_list_path());  // mapped, microseconds; without it the filter is stricter
}

SuggestResult Suggester::suggest(std::string_view text) {
    check_suggest_text(text);
    const auto start = std::chrono::steady_clock::now();
    SuggestResult result;
    result.text = std::string(text);
    result.suggestions = with_reopen_retry(db_, [&] { return suggest_folded(text); });
    result.took_ms = milliseconds_since(start);
    return result;
}

std::vector<Suggestion> Suggester::suggest_folded(std::string_view text) {
    const std::vector<std::string> tokens = split(text, not_space);
    if (tokens.empty()) return {};
    // A space after the last word says it is complete: no word to finish.
    const bool last_is_complete = is_space(text.back());
    const std::size_t kept_tokens = last_is_complete ? tokens.size() : tokens.size() - 1;

    std::vector<std::string> earlier;  // folded words before the prefix
    for (std::size_t i = 0; i < kept_tokens; ++i)
        for (auto& w : folded_words(normalizer_, tokens[i])) earlier.push_back(std::move(w));
    std::string kept = join_words(tokens, kept_tokens);  // shown as typed
    std::string prefix;
    if (!last_is_complete) {
        std::vector<std::string> last = folded_words(normalizer_, tokens.back());
        if (!last.empty()) {
            prefix = last.back();
            last.pop_back();
            kept += join_words(last, last.size());  // "type-2" -> "type 2 ", folded
            earlier.insert(earlier.end(), last.begin(), last.end());
        }
    }

    std::vector<WordCompletion> words;
    if (!prefix.empty()) words = complete_word(db_, prefix, max_suggestions, english_);
    // Titles with the likeliest completions: a rare one ("diabetesis") would
    // only bring up its odd question.
    std::vector<std::string> choices;
    for (std::size_t i = 0; i < std::min(words.size(), max_title_choices); ++i) choices.push_back(words[i].word);
    // Titles need the words that say what the question is about, not its
    // "does" or "what is": "does botox cau" finds "Can Botox cause ...?".
    std::erase_if(earlier, [](const std::string& w) { return english_stopper()(w); });
    if (earlier.size() > max_title_words) earlier.erase(earlier.begin(), earlier.end() - max_title_words);
    std::vector<TitleCompletion> titles;
    if (!prefix.empty() ? !choices.empty() : !earlier.empty()) {
        const std::size_t word_slots = std::min(words.size(), max_word_suggestions);
        titles = complete_title(db_, earlier, choices, max_suggestions - word_slots);
    }

    // Words take up to max_word_suggestions places, more when titles leave them free.
    const std::size_t word_count = std::min(words.size(), max_suggestions - titles.size());
    std::vector<Suggestion> out;
    for (std::size_t i = 0; i < word_count; ++i)
        out.push_back({kept + words[i].word, SuggestionKind::word, words[i].count, words[i].corrected});
    for (auto& t : titles) out.push_back({std::move(t.title), SuggestionKind::title, t.count, false});
    return out;
}

}  // namespace qadex
