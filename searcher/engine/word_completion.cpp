// Word completion over the term lists (see word_completion.hpp).
#include "engine/word_completion.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

#include "engine/word_list.hpp"

namespace qadex {

namespace {

// Bounds on the terms read for one request, whatever the index's size: a
// one-letter prefix has thousands of completions, of which we rank only the
// first max_terms_scanned (alphabetically) of each list.
constexpr std::size_t max_terms_scanned = 3000;      // per list, for the prefix as typed
// The answers' list of a one- or two-letter prefix is read only this far:
// reading a term's count costs a block of the posting table, the titles'
// words are what questions are made of, and a word found in the titles
// alone gets its answers' count afterwards (refine_counts).
constexpr std::size_t max_short_prefix_answer_terms = 300;
constexpr std::size_t short_prefix_bytes = 2;
constexpr std::size_t max_terms_per_variant = 64;    // per list, for each misspelt-prefix variant
constexpr std::size_t max_variant_terms_total = 6000;

// Variants are tried only when the prefix as typed finds no word held by
// this many answers; below min_variant_prefix letters nearly every variant
// is some word's prefix, and above max_variant_prefix the walk grows long.
constexpr std::uint64_t trusted_count = 3;
constexpr std::size_t min_variant_prefix = 4;
constexpr std::size_t max_variant_prefix = 24;

// Longer terms are URLs, chemical names or run-together junk.
constexpr std::size_t max_word_bytes = 40;

struct Tally {
    std::uint64_t count = 0;
    bool corrected = true;
};
using Tallies = std::unordered_map<std::string, Tally>;

// Reads the completions of `prefix` in one term list, from where `it` is
// skipped to, adding at most `cap` terms to `tallies`; returns how many were read.
std::size_t scan_list(Xapian::TermIterator& it, const Xapian::TermIterator& end, std::string_view list,
                      const std::string& prefix, std::size_t cap, bool corrected, Tallies& tallies) {
    const std::string key = std::string(list) + prefix;
    it.skip_to(key);
    std::size_t read = 0;
    for (; it != end && read < cap; ++it, ++read) {
        const std::string term = *it;
        if (!term.starts_with(key)) break;
        const std::string_view word = std::string_view(term).substr(list.size());
        if (word.size() > max_word_bytes) continue;
        Tally& t = tallies[std::string(word)];
        t.count = std::max<std::uint64_t>(t.count, it.get_termfreq());
        t.corrected = t.corrected && corrected;
    }
    return read;
}

// The two lists: the titles' words under their prefix, the answers' words
// unprefixed (lower-case terms, after every capital-letter prefix).
constexpr std::string_view lists[] = {schema::prefix::title, schema::prefix::body};

// "diabetesis": answers' text where a space went missing before a stopword
// ("diabetes is"). Such a word is no English word and splits into a more
// frequent completion and a stopword; then it is not offered.
bool is_run_together(const WordCompletion& c, const Tallies& tallies, const WordList& english) {
    if (english.loaded() && english.contains(c.word)) return false;
    const std::size_t min_head = english.loaded() ? 3 : 5;
    for (std::size_t split = min_head; split + 2 <= c.word.size(); ++split) {
        if (!english_stopper()(c.word.substr(split))) continue;
        const auto head = tallies.find(c.word.substr(0, split));
        if (head != tallies.end() && head->second.count > c.count) return true;
    }
    return false;
}

bool is_ascii_word(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::uint64_t best_count(const Tallies& tallies) {
    std::uint64_t best = 0;
    for (const auto& [word, t] : tallies) best = std::max(best, t.count);
    return best;
}

}  // namespace

std::vector<std::string> prefix_variants(const std::string& prefix) {
    std::set<std::string> out;
    const std::size_t n = prefix.size();
    for (std::size_t i = 0; i < n; ++i) {
        std::string deleted = prefix;
        deleted.erase(i, 1);
        if (!deleted.empty()) out.insert(deleted);
        for (char c = 'a'; c <= 'z'; ++c) {
            std::string substituted = prefix;
            substituted[i] = c;
            out.insert(substituted);
        }
        if (i + 1 < n) {
            std::string swapped = prefix;
            std::swap(swapped[i], swapped[i + 1]);
            out.insert(swapped);
        }
    }
    for (std::size_t i = 0; i <= n; ++i)
        for (char c = 'a'; c <= 'z'; ++c) out.insert(prefix.substr(0, i) + c + prefix.substr(i));
    out.erase(prefix);
    return {out.begin(), out.end()};
}

std::vector<WordCompletion> complete_word(const Xapian::Database& db, const std::string& prefix, std::size_t limit,
                                          const WordList& english) {
    Tallies tallies;
    if (prefix.empty() || limit == 0) return {};
    for (std::string_view list : lists) {
        const bool answers = list == schema::prefix::body;
        const std::size_t cap =
            answers && prefix.size() <= short_prefix_bytes ? max_short_prefix_answer_terms : max_terms_scanned;
        Xapian::TermIterator it = db.allterms_begin(std::string(list));
        scan_list(it, db.allterms_end(std::string(list)), list, prefix, cap, false, tallies);
    }
    if (best_count(tallies) < trusted_count && is_ascii_word(prefix) && prefix.size() >= min_variant_prefix &&
        prefix.size() <= max_variant_prefix) {
        // Variants in sorted order: each list's iterator only moves forward.
        const std::vector<std::string> variants = prefix_variants(prefix);
        std::size_t budget = max_variant_terms_total;
        for (std::string_view list : lists) {
            Xapian::TermIterator it = db.allterms_begin(std::string(list));
            const Xapian::TermIterator end = db.allterms_end(std::string(list));
            for (const std::string& variant : variants) {
                if (budget == 0 || it == end) break;
                budget -= scan_list(it, end, list, variant, std::min(budget, max_terms_per_variant), true, tallies);
            }
        }
    }
    std::vector<WordCompletion> out;
    out.reserve(tallies.size());
    for (auto& [word, t] : tallies) out.push_back({word, t.count, t.corrected});
    const auto by_count = [](const WordCompletion& a, const WordCompletion& b) {
        return a.count != b.count ? a.count > b.count : a.word < b.word;
    };
    // The likeliest three times over, then the run-together words dropped and
    // each counted in both lists, since a scan may have stopped before a
    // word in one of them.
    std::size_t keep = std::min(limit * 3, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(), by_count);
    out.resize(keep);
    std::erase_if(out, [&](const WordCompletion& c) { return is_run_together(c, tallies, english); });
    for (WordCompletion& c : out)
        for (std::string_view list : lists)
            c.count = std::max<std::uint64_t>(c.count, db.get_termfreq(std::string(list) + c.word));
    std::sort(out.begin(), out.end(), by_count);
    out.resize(std::min(limit, out.size()));
    return out;
}

}  // namespace qadex
