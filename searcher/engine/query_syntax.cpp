// Query text for libxapian's QueryParser (see query_syntax.hpp).
#include "engine/query_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <qadex/fields.hpp>

namespace qadex {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// NEAR, ADJ, NEAR/n or ADJ/n, as a whole token.
bool is_proximity_operator(std::string_view token) {
    for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
        if (token.substr(0, op.size()) != op) continue;
        const std::string_view rest = token.substr(op.size());
        if (rest.empty()) return true;
        return rest.size() >= 2 && rest[0] == '/' &&
               std::all_of(rest.begin() + 1, rest.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    }
    return false;
}

bool is_operator(std::string_view word) {
    return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || is_proximity_operator(word);
}

// A word a chain can hold: no brackets, quotes or sign, not an operator.
bool is_operand(std::string_view word) {
    return !word.empty() && word.find_first_of("()\"") == std::string_view::npos && word[0] != '-' &&
           word[0] != '+' && !is_operator(word);
}

struct Token {
    std::size_t begin, end;
    bool quoted;  // inside a phrase, or holding a quote
};

std::vector<Token> tokens_of(std::string_view text) {
    std::vector<Token> out;
    bool in_quotes = false;
    for (std::size_t i = 0; i < text.size();) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && !is_space(text[j])) ++j;
        const auto quotes = std::count(text.begin() + static_cast<std::ptrdiff_t>(i),
                                       text.begin() + static_cast<std::ptrdiff_t>(j), '"');
        out.push_back({i, j, in_quotes || quotes > 0});
        if (quotes % 2) in_quotes = !in_quotes;
        i = j;
    }
    return out;
}

// A token the range processors read: a range field's "name:" (after any
// brackets or sign) and two dots.
bool is_range(std::string_view token) {
    if (token.find("..") == std::string_view::npos) return false;
    const std::size_t start = token.find_first_not_of("(+-");
    if (start == std::string_view::npos) return false;
    token.remove_prefix(start);
    for (const Field& f : all_fields) {
        if (f.range == FieldRange::none) continue;
        const std::string_view name = f.name;
        if (token.size() > name.size() && token.substr(0, name.size()) == name && token[name.size()] == ':') return true;
    }
    return false;
}

}  // namespace

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0;
}

bool has_range(std::string_view query) {
    for (const Token& t : tokens_of(query))
        if (!t.quoted && is_range(query.substr(t.begin, t.end - t.begin))) return true;
    return false;
}

std::string bracket_proximity_chains(std::string_view query) {
    const std::vector<Token> tokens = tokens_of(query);
    auto text = [&](std::size_t k) { return query.substr(tokens[k].begin, tokens[k].end - tokens[k].begin); };
    // Where "(" and ")" go, as (offset, bracket), in order.
    std::vector<std::pair<std::size_t, char>> inserts;
    for (std::size_t k = 0; k + 2 < tokens.size();) {
        // The first word may open brackets and carry a sign, which stay outside.
        const std::string_view first = text(k);
        std::size_t open = first.find_first_not_of('(');
        if (open != std::string_view::npos && (first[open] == '-' || first[open] == '+')) ++open;
        std::size_t last = k;
        if (!tokens[k].quoted && open != std::string_view::npos && is_operand(first.substr(open))) {
            while (last + 2 < tokens.size() && !tokens[last + 1].quoted && !tokens[last + 2].quoted &&
                   is_proximity_operator(text(last + 1))) {
                // The chain's last word may close brackets, which stay outside.
                const std::string_view next = text(last + 2);
                const std::size_t close = next.find_last_not_of(')');
                if (close == std::string_view::npos || !is_operand(next.substr(0, close + 1))) break;
                last += 2;
                if (close + 1 < next.size()) break;  // a bracket ends the chain
            }
        }
        if (last == k) {
            ++k;
            continue;
        }
        const std::string_view end_word = text(last);
        inserts.emplace_back(tokens[k].begin + open, '(');
        inserts.emplace_back(tokens[last].begin + end_word.find_last_not_of(')') + 1, ')');
        k = last + 1;
    }
    std::string out;
    out.reserve(query.size() + inserts.size());
    std::size_t from = 0;
    for (const auto& [at, bracket] : inserts) {
        out.append(query.substr(from, at - from));
        out.push_back(bracket);
        from = at;
    }
    out.append(query.substr(from));
    return out;
}

bool reads_as_prose(std::string_view query) {
    constexpr std::size_t prose_words = 12;  // more than this many words
    constexpr std::size_t words_per_operator = 6;
    std::size_t words = 0, operators = 0;
    for (const Token& t : tokens_of(query)) {
        const std::string_view word = query.substr(t.begin, t.end - t.begin);
        if (is_operator(word)) ++operators;
        else if (std::any_of(word.begin(), word.end(), is_word_byte)) ++words;
    }
    return words + operators > prose_words && operators * words_per_operator < words + operators;
}

std::string exclusions_as_not(std::string_view query) {
    const std::vector<Token> tokens = tokens_of(query);
    if (tokens.empty()) return std::string(query);
    std::string out = "NOT (";
    for (const Token& t : tokens) {
        const std::string_view word = query.substr(t.begin, t.end - t.begin);
        if (t.quoted || word.size() < 2 || word[0] != '-' || !is_operand(word.substr(1))) return std::string(query);
        // OR, not the parser's default: a range among the words would be a
        // filter on them ("NOT (botox rating:..4)" kept botox answers).
        if (out.size() > 5) out.append(" OR ");
        out.append(word.substr(1));
    }
    out.push_back(')');
    return out;
}

std::string signed_ranges_as_filters(std::string_view query) {
    const std::vector<Token> tokens = tokens_of(query);
    auto text = [&](const Token& t) { return query.substr(t.begin, t.end - t.begin); };
    auto is_signed_range = [&](const Token& t) {
        const std::string_view word = text(t);
        return !t.quoted && (word[0] == '-' || word[0] == '+') && is_range(word);
    };
    bool any = false;
    for (const Token& t : tokens) {
        const std::string_view word = text(t);
        if (!t.quoted && (is_operator(word) || word.find_first_of("()") != std::string_view::npos))
            return std::string(query);
        any = any || is_signed_range(t);
    }
    if (!any) return std::string(query);
    std::string kept, excluded;
    for (const Token& t : tokens) {
        const std::string_view word = text(t);
        std::string& to = is_signed_range(t) && word[0] == '-' ? excluded : kept;
        if (!to.empty()) to.append(&to == &excluded ? " OR " : " ");
        to.append(is_signed_range(t) ? word.substr(1) : word);
    }
    if (excluded.empty()) return kept;
    return kept.empty() ? "NOT (" + excluded + ")" : kept + " NOT (" + excluded + ")";
}

bool parser_leaks_on(std::string_view text) {
    static constexpr std::string_view booleans[] = {"AND", "OR", "NOT", "XOR"};
    for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
        for (std::size_t at = text.find(op); at != std::string_view::npos; at = text.find(op, at + 1)) {
            const std::size_t after = at + op.size();
            if ((at > 0 && is_word_byte(text[at - 1])) || (after < text.size() && is_word_byte(text[after]))) continue;
            const bool has_width = after + 1 < text.size() && text[after] == '/' &&
                                   std::isdigit(static_cast<unsigned char>(text[after + 1]));
            std::size_t end = at;
            while (end > 0 && !is_word_byte(text[end - 1])) --end;
            std::size_t begin = end;
            while (begin > 0 && is_word_byte(text[begin - 1])) --begin;
            if (begin == end) continue;
            const std::string_view previous = text.substr(begin, end - begin);
            if (has_width && std::find(std::begin(booleans), std::end(booleans), previous) != std::end(booleans))
                return true;
            if (begin > 0 && text[begin - 1] == '-' && (begin == 1 || !is_word_byte(text[begin - 2]))) return true;
        }
    }
    return false;
}

}  // namespace qadex
