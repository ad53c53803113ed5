// Query-biased snippets (see snippet.hpp).
#include "engine/snippet.hpp"

#include <algorithm>
#include <cctype>

#include <xapian.h>

#include <qadex/strings.hpp>
#include <qadex/text_analysis.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

bool is_ascii_word_char(unsigned c) { return (c | 32) - 'a' < 26 || c - '0' < 10 || c == '_'; }

// U+FFFD, what invalid UTF-8 decodes to, is not a word character.
bool is_word_char(char32_t cp) { return cp < 0x80 ? is_ascii_word_char(cp) : Xapian::Unicode::is_wordchar(cp); }

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

// The pattern of a wildcard subquery, from its description
// ("Query(WILDCARD OR boto)"): Xapian 1.4 has no accessor for it.
std::string wildcard_pattern(const Xapian::Query& wildcard) {
    std::string d = wildcard.get_description();
    while (!d.empty() && d.back() == ')') d.pop_back();
    const auto space = d.rfind(' ');
    return space == std::string::npos ? std::string() : d.substr(space + 1);
}

constexpr double repeat_share = 0.1;  // a word seen again adds a tenth of its weight

}  // namespace

SnippetMaker::SnippetMaker(const Xapian::Query& query, const Xapian::MSet& mset, TextNormalizer& normalizer)
    : stemmer_(term_stemmer()), normalizer_(normalizer) {
    std::vector<std::pair<std::string, bool>> terms;  // term, stemmed
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        if (term.size() > 1 && term[0] == 'Z' && !is_upper_ascii(term[1])) terms.emplace_back(term, true);
        else if (!term.empty() && !is_upper_ascii(term[0])) terms.emplace_back(term, false);
    }
    // Wildcards are not terms of the query: their patterns are found in its tree.
    const auto find_wildcards = [&](const auto& self, const Xapian::Query& q) -> void {
        if (q.get_type() == Xapian::Query::OP_WILDCARD) {
            std::string pattern = wildcard_pattern(q);
            if (!pattern.empty() && !is_upper_ascii(pattern[0])) wildcards_.push_back(std::move(pattern));
            return;
        }
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) self(self, q.get_subquery(i));
    };
    find_wildcards(find_wildcards, query);

    // A term's weight is its BM25 weight in this result set, plus a little so
    // that terms with no weight (in every answer, or in none) still count.
    std::vector<double> raw;
    double max_weight = 0;
    for (const auto& [term, stemmed] : terms) {
        double w = 0;
        try {
            w = mset.get_termweight(term);
        } catch (const Xapian::InvalidArgumentError&) {
        }
        raw.push_back(w);
        max_weight = std::max(max_weight, w);
    }
    const double floor = max_weight > 0 ? max_weight / 64 : 1.0;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const auto& [term, stemmed] = terms[i];
        auto& table = stemmed ? stemmed_ : exact_;
        const std::string key = stemmed ? term.substr(1) : term;
        if (table.count(key)) continue;
        table.emplace(key, static_cast<int>(weights_.size()));
        weights_.push_back(raw[i] + floor);
        if (stemmed) {
            std::string lead = key.substr(0, 2);
            if (std::find(stem_leads_.begin(), stem_leads_.end(), lead) == stem_leads_.end())
                stem_leads_.push_back(std::move(lead));
        }
    }
    wildcard_base_ = static_cast<int>(weights_.size());
    for (std::size_t i = 0; i < wildcards_.size(); ++i) weights_.push_back(max_weight + floor);
    for (const auto& [term, index] : exact_) add_lead(term);
    for (const auto& [stem, index] : stemmed_) add_lead(stem);
    for (const std::string& pattern : wildcards_) add_lead(pattern);
}

void SnippetMaker::add_lead(std::string_view term) {
    if (term.empty()) return;
    const unsigned first = static_cast<unsigned char>(term[0]) << 8;
    if (term.size() == 1) {  // a one-letter term or pattern: any second byte
        for (unsigned second = 0; second < 256; ++second) leads_.set(first | second);
        return;
    }
    leads_.set(first | static_cast<unsigned char>(term[1]));
}

int SnippetMaker::match(const std::string& word) const {
    if (auto e = exact_.find(word); e != exact_.end()) return e->second;
    // An English (Porter2) stem keeps its word's first two letters, so only
    // words sharing them with a query stem are worth stemming.
    bool could_stem_to_query = word.size() < 2;
    for (const std::string& lead : stem_leads_)
        if (word.compare(0, lead.size(), lead) == 0) could_stem_to_query = true;
    if (could_stem_to_query && !stemmed_.empty()) {
        if (auto s = stemmed_.find(stemmer_(word)); s != stemmed_.end()) return s->second;
    }
    for (std::size_t i = 0; i < wildcards_.size(); ++i)
        if (word.starts_with(wildcards_[i])) return wildcard_base_ + static_cast<int>(i);
    return -1;
}

int SnippetMaker::term_of(std::string_view word) const {
    if (word.size() > 64) return -1;  // no query word is that long (the indexer's limit too)
    const auto b0 = static_cast<unsigned char>(word[0]);
    const auto b1 = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0u;
    if (word.size() >= 2 && b0 < 0x80 && b1 < 0x80 &&
        !leads_.test(static_cast<unsigned>(std::tolower(b0)) << 8 | static_cast<unsigned>(std::tolower(b1))))
        return -1;
    std::string key(word);
    if (auto it = seen_.find(key); it != seen_.end()) return it->second;
    std::string folded;
    if (is_ascii(word)) {
        folded = ascii_lower(word);
    } else {
        folded = normalizer_.normalize(word);  // as the indexer folds it ("Naïve" -> "naive")
        while (!folded.empty() && folded.back() == ' ') folded.pop_back();
    }
    const int term = match(folded);
    seen_.emplace(std::move(key), term);
    return term;
}

std::vector<SnippetMaker::Word> SnippetMaker::words_of(std::string_view text) const {
    std::vector<Word> words;
    bool sentence_start = true;
    std::size_t i = 0;
    while (i < text.size()) {
        auto [cp, len] = utf8::decode(text, i);
        if (!is_word_char(cp)) {
            if (cp == '.' || cp == '!' || cp == '?' || cp == '\n') sentence_start = true;
            else if (cp != ' ' && cp != '\t' && cp != '\r' && cp != '"' && cp != '(' && cp != 0x201C)
                sentence_start = false;
            i += len;
            continue;
        }
        const std::size_t begin = i;
        i += len;
        while (i < text.size()) {
            auto [next, next_len] = utf8::decode(text, i);
            if (is_word_char(next)) {
                i += next_len;
                continue;
            }
            // "doesn't" is one word: an apostrophe between word characters.
            if (is_apostrophe(next) && i + next_len < text.size() &&
                is_word_char(utf8::decode(text, i + next_len).value)) {
                i += next_len;
                continue;
            }
            break;
        }
        words.push_back({begin, i, term_of(text.substr(begin, i - begin)), sentence_start});
        sentence_start = false;
    }
    return words;
}

HighlightedText SnippetMaker::make(std::string_view text, std::size_t max_bytes, std::string_view omit,
                                   bool text_goes_on) const {
    const std::vector<Word> words = words_of(text);
    HighlightedText out;
    if (words.empty()) {
        out.text = text.substr(0, max_bytes);
        return out;
    }
    const std::size_t n = words.size();

    // The window of whole words within max_bytes with the highest score: each
    // distinct query term counts its weight once, and a tenth for repeats.
    std::vector<int> count(weights_.size(), 0);
    double score = 0, best_score = 0;
    std::size_t best_first = 0, best_last_match = 0;
    bool found = false;
    std::size_t last = 0;  // one past the window's last word
    for (std::size_t first = 0; first < n; ++first) {
        if (last < first) last = first;
        while (last < n && words[last].end - words[first].begin <= max_bytes) {
            if (int t = words[last].term; t >= 0) score += weights_[t] * (count[t]++ == 0 ? 1.0 : repeat_share);
            ++last;
        }
        if (score > best_score + 1e-9) {
            best_score = score;
            best_first = first;
            found = true;
            best_last_match = first;
            for (std::size_t k = first; k < last; ++k)
                if (words[k].term >= 0) best_last_match = k;
        }
        if (first < last) {
            if (int t = words[first].term; t >= 0) score -= weights_[t] * (--count[t] == 0 ? 1.0 : repeat_share);
        }
    }

    // Start at the sentence holding the window's first match when that keeps
    // the matches in and spends at most a third of the budget before it;
    // else a few words before the match. Then fill the budget forwards.
    std::size_t begin_word = 0;
    if (found) {
        std::size_t first_match = best_first;
        while (words[first_match].term < 0) ++first_match;
        begin_word = first_match;
        std::size_t context = first_match;  // a few words of lead-in
        for (std::size_t k = first_match + 1; k-- > 0;) {
            const std::size_t lead_in = words[first_match].begin - words[k].begin;
            if (lead_in > max_bytes / 3 || words[best_last_match].end - words[k].begin > max_bytes) break;
            if (words[k].sentence_start) {
                context = k;
                break;
            }
            if (lead_in <= max_bytes / 6) context = k;
        }
        begin_word = context;
    }
    std::size_t end_word = begin_word;
    while (end_word + 1 < n && words[end_word + 1].end - words[begin_word].begin <= max_bytes) ++end_word;

    const bool whole_text = text.size() <= max_bytes && !text_goes_on;
    std::size_t pos = whole_text ? 0 : words[begin_word].begin;
    if (!whole_text && begin_word > 0 && !words[begin_word].sentence_start) out.text += omit;
    for (std::size_t k = begin_word; k <= end_word; ++k) {
        out.text += text.substr(pos, words[k].begin - pos);
        const std::size_t begin = out.text.size();
        out.text += text.substr(words[k].begin, words[k].end - words[k].begin);
        if (words[k].term >= 0) out.highlights.push_back({begin, out.text.size()});
        pos = words[k].end;
    }
    if (whole_text) {
        out.text += text.substr(pos);
        return out;
    }
    // Keep the punctuation that closes the last word ("atrophy." or "(BTX)").
    std::size_t tail = pos;
    while (tail < text.size() && tail - pos < 4 && !is_ascii_space(text[tail])) {
        auto [cp, len] = utf8::decode(text, tail);
        if (is_word_char(cp)) break;
        tail += len;
    }
    out.text += text.substr(pos, tail - pos);
    if (end_word + 1 < n || text_goes_on) out.text += omit;
    return out;
}

}  // namespace qadex
