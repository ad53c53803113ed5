// Query understanding (see query_builder.hpp).
#include "engine/query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <qadex/fields.hpp>
#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>
#include <qadex/strings.hpp>
#include <qadex/text_analysis.hpp>

#include "engine/author_names.hpp"
#include "engine/date_range.hpp"
#include "engine/field_filter.hpp"
#include "engine/query_syntax.hpp"
#include "engine/query_budget.hpp"
#include "engine/question_type.hpp"

namespace qadex {

namespace {

struct NamedPrefix {
    const char* name;
    const char* prefix;
};

// A field that names what an answer is (author, source...) and is not
// searched by plain words filters ("source:GARD parkinson"); the others
// (title, body, question, tag) are searched and weighted.
bool filters_in_query(const Field& f) { return f.is_filter() && f.default_weight <= 0; }

std::vector<NamedPrefix> text_fields(bool default_only) {
    std::vector<NamedPrefix> out;
    for (const Field& f : all_fields)
        if (f.text_prefix && (!default_only || f.default_weight > 0)) out.push_back({f.name, f.text_prefix});
    return out;
}

// Fields the query language names ("title:botox"; "body" is the answer
// text), and those a word without a field is looked up in (qadex/fields.hpp).
const std::vector<NamedPrefix> query_fields = text_fields(false);
const std::vector<NamedPrefix> default_fields = text_fields(true);

// FLAG_PURE_NOT: "NOT botox" is every answer without botox (the parser
// otherwise calls it a syntax error, and the words searched are botox).
constexpr unsigned structured_flags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
constexpr std::size_t max_synonym_words = 4;  // longest synonym key tried, in words
// Caps that keep one query's cost bounded (docs/RANKING.md, "Limits"; the
// parsed query's are in engine/query_budget.hpp):
constexpr std::size_t max_wildcards = 4;        // each expands to at most 100 terms per field
constexpr std::size_t max_corrections = 16;     // unknown words looked up in the spelling table
// Expanding a wildcard to its 100 most frequent words reads every word it
// matches (a* on MedQuAD plus made-up words: 7 s, 190 MB): one matching more
// than this many words in a field is searched as the word it ends instead.
constexpr Xapian::termcount max_wildcard_candidates = 1000;

void configure(Xapian::QueryParser& parser, const Xapian::Database& db) {
    parser.set_database(db);
    configure_analysis(parser);
    parser.set_default_op(Xapian::Query::OP_OR);
    for (const Field& f : all_fields) {
        if (!f.text_prefix) continue;
        if (filters_in_query(f)) parser.add_boolean_prefix(f.name, (new FieldWordsFilter(db, f.text_prefix))->release());
        else parser.add_prefix(f.name, f.text_prefix);
    }
}

// "rating:4..5", "date:20240101..", "date:2024-01-01..": the range fields of qadex/fields.hpp.
void add_range_processors(Xapian::QueryParser& parser) {
    for (const Field& f : all_fields) {
        const std::string prefix = std::string(f.name) + ":";
        if (f.range == FieldRange::number)
            parser.add_rangeprocessor((new Xapian::NumberRangeProcessor(f.range_slot, prefix))->release());
        else if (f.range == FieldRange::date)
            parser.add_rangeprocessor((new DateRangeProcessor(f.range_slot, prefix))->release());
    }
}

// What the query parser takes as part of a word.
bool parser_word_byte(char c) { return is_word_byte(c) || c == '_'; }

std::string ascii_upper(std::string word) {
    for (char& c : word)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return word;
}

// "source:" (or another filtering field's name) starts a word of `text`.
// Each one, with its value as the parser reads it: a "quoted string" or
// the text up to a space or a closing parenthesis.
std::vector<FieldFilter> field_filters_named(const std::string& text) {
    std::vector<FieldFilter> out;
    for (const Field& f : all_fields) {
        if (!f.text_prefix || !filters_in_query(f)) continue;
        const std::string name = std::string(f.name) + ":";
        for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
            if (at > 0 && parser_word_byte(text[at - 1])) continue;
            std::size_t begin = at + name.size(), end;
            if (begin < text.size() && text[begin] == '"') {
                end = text.find('"', ++begin);
                if (end == std::string::npos) end = text.size();
            } else {
                end = text.find_first_of(" \t\n)", begin);
                if (end == std::string::npos) end = text.size();
            }
            if (end > begin) out.push_back({f.name, text.substr(begin, end - begin)});
        }
    }
    return out;
}

// More than max_wildcard_candidates terms start with `start`.
bool too_many_candidates(const Xapian::Database& db, const std::string& start) {
    Xapian::termcount n = 0;
    for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t)
        if (++n > max_wildcard_candidates) return true;
    return false;
}

// Turns the '*' of wildcards too broad to expand cheaply into a space. The
// word checked is the run of word characters before the '*' (what the query
// parser expands, or less), in the field named before it or the default ones.
void drop_broad_wildcards(std::string& text, const Xapian::Database& db, std::vector<std::string>& notices) {
    for (std::size_t star = text.find('*'); star != std::string::npos; star = text.find('*', star + 1)) {
        std::size_t begin = star;
        while (begin > 0 && parser_word_byte(text[begin - 1])) --begin;
        const std::string word = text.substr(begin, star - begin);
        std::vector<std::string> prefixes;
        if (begin > 0 && text[begin - 1] == ':') {
            std::size_t name = begin - 1;
            while (name > 0 && parser_word_byte(text[name - 1])) --name;
            for (const auto& f : query_fields)
                if (text.compare(name, begin - 1 - name, f.name) == 0) prefixes.push_back(f.prefix);
        }
        if (prefixes.empty())
            for (const auto& f : default_fields) prefixes.push_back(f.prefix);
        if (std::none_of(prefixes.begin(), prefixes.end(),
                         [&](const std::string& p) { return too_many_candidates(db, p + word); }))
            continue;
        text[star] = ' ';
        notices.push_back("'" + word + "*' matches more than " + std::to_string(max_wildcard_candidates) +
                          " words; searched as a word");
    }
}

// The field a term belongs to, from its prefix ("ZXQcaus" -> question).
std::string field_of_term(std::string_view term) {
    if (term.starts_with('Z')) term.remove_prefix(1);
    const NamedPrefix* best = nullptr;
    for (const auto& f : query_fields) {
        std::string_view p = f.prefix;
        if (!p.empty() && term.starts_with(p) && (!best || p.size() > std::string_view(best->prefix).size())) best = &f;
    }
    return best ? best->name : "body";
}

// The word of a term: what follows its prefix and stemming mark, which are
// capitals ("ZXQcaus" -> "caus"; the indexed text itself is lower case).
std::string word_of_term(std::string_view term) {
    std::size_t i = 0;
    while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
    return std::string(term.substr(i));
}

// What a query ORs together, nested ORs flattened (the parser nests the
// words after a phrase: "a b-c d e" is a OR (b PHRASE c) OR (d OR e)).
void add_or_leaves(const Xapian::Query& q, std::vector<Xapian::Query>& leaves) {
    if (q.get_type() == Xapian::Query::OP_OR)
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) add_or_leaves(q.get_subquery(i), leaves);
    else if (!q.empty())
        leaves.push_back(q);
}

std::vector<Xapian::Query> or_leaves(const Xapian::Query& q) {
    std::vector<Xapian::Query> leaves;
    add_or_leaves(q, leaves);
    return leaves;
}

// The words of a leaf that is not a single term (a phrase, a group, a
// wildcard: "diabet*"), for counting a query's words; a leaf without words
// (a range) counts as one.
void add_leaf_words(const Xapian::Query& leaf, std::set<std::string>& words) {
    if (leaf.get_type() == Xapian::Query::LEAF_TERM) {
        words.insert(word_of_term(*leaf.get_terms_begin()));
    } else if (leaf.get_type() == Xapian::Query::OP_WILDCARD) {
        // Xapian gives a wildcard's pattern only in its description, last.
        const std::string description = leaf.get_description();
        words.insert(word_of_term(description.substr(description.rfind(' ') + 1)) + "*");
    } else if (leaf.get_num_subqueries() == 0) {
        words.insert(leaf.get_description());
    } else {
        for (std::size_t i = 0; i < leaf.get_num_subqueries(); ++i) add_leaf_words(leaf.get_subquery(i), words);
    }
}

bool is_refining(const Xapian::Query& leaf, const std::set<std::string>& refining) {
    return leaf.get_type() == Xapian::Query::LEAF_TERM && refining.count(*leaf.get_terms_begin());
}

// The words of normalised text, trimmed of surrounding punctuation.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
        std::size_t j = i;
        while (j < text.size() && !(text[j] == ' ' || text[j] == '\t' || text[j] == '\n')) ++j;
        std::size_t a = i, b = j;
        while (a < b && !is_word_byte(text[a])) ++a;
        while (b > a && !is_word_byte(text[b - 1])) --b;
        if (b > a) words.emplace_back(text.substr(a, b - a));
        i = j;
    }
    return words;
}

// The text with the query language's characters turned into spaces, so that
// even flags 0 cannot fail on it ("a..b" is a range to Xapian whatever the flags).
std::string without_syntax(std::string text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        bool inner = i > 0 && i + 1 < text.size() && is_word_byte(text[i - 1]) && is_word_byte(text[i + 1]);
        if (c < 0x80 && !std::isalnum(c) && !(inner && (c == '\'' || c == '-'))) text[i] = ' ';
    }
    return text;
}

bool contains_run(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
    return !needle.empty() && std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// A part of a plain question's query (QueryBuilder::plain_words_query): a
// word, a hyphenated word's phrase or a synonym group, in one field.
struct Part {
    Xapian::Query query;
    unsigned count = 1;           // times typed
    std::size_t field = 0;        // in default_fields_
    bool refining = false;        // only refines the ranking (OP_AND_MAYBE's right side)
    std::string word;             // what it searches, the same in every field
    std::string group_label = ""; // a synonym group's words, for --explain
    bool synonym = false;
};

// What a part searches, whatever the field: "symptom" for ZSsymptom,
// "heart-attack" for a phrase.
std::string word_key(const Xapian::Query& leaf) {
    if (leaf.get_type() == Xapian::Query::LEAF_TERM) return word_of_term(*leaf.get_terms_begin());
    std::string key;
    for (auto t = leaf.get_terms_begin(); t != leaf.get_terms_end(); ++t) {
        if (!key.empty()) key += '-';
        key += word_of_term(*t);
    }
    return key;
}

// The words left out of a plain question whose match would read more
// postings than max_query_postings (engine/query_budget.hpp): those that
// only refine the ranking first, then those that decide, the most frequent
// first, never the last one. Estimated as the built query is: the deciding
// parts ORed, the refining ones read where those match.
std::set<std::string> costly_words(const std::vector<Part>& parts, const Xapian::Database& db,
                                   const QueryBudget& budget, std::vector<std::string>& notices) {
    std::vector<std::string> words;
    std::map<std::string, std::size_t> word_at;
    std::vector<std::size_t> word_of(parts.size());
    std::vector<QueryCost> costs;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto [it, added] = word_at.emplace(parts[i].word, words.size());
        if (added) words.push_back(parts[i].word);
        word_of[i] = it->second;
        costs.push_back(estimated_cost(parts[i].query, db));
    }
    std::vector<bool> out(words.size(), false);
    const double answers = db.get_doccount();
    auto total = [&] {
        double deciding = 0, matches = 0, refining = 0;
        bool any_deciding = false;
        for (std::size_t i = 0; i < parts.size(); ++i)
            if (!out[word_of[i]] && !parts[i].refining) {
                deciding += costs[i].postings;
                matches += costs[i].matches;
                any_deciding = true;
            }
        matches = std::min(matches, answers);
        for (std::size_t i = 0; i < parts.size(); ++i)
            if (!out[word_of[i]] && parts[i].refining)
                refining += any_deciding ? std::min(costs[i].postings, postings_per_skip * matches) : costs[i].postings;
        return deciding + refining;
    };
    std::set<std::string> left_out;
    if (total() <= budget.max_query_postings) return left_out;
    std::vector<std::tuple<bool, double, std::size_t>> order(words.size());  // refining, postings, word
    for (std::size_t w = 0; w < words.size(); ++w) std::get<2>(order[w]) = w;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto& [refining, postings, word] = order[word_of[i]];
        refining = refining || parts[i].refining;
        postings += costs[i].postings;
    }
    std::sort(order.begin(), order.end(), std::greater<>());
    for (std::size_t i = 0; i + 1 < order.size() && total() > budget.max_query_postings; ++i) {
        out[std::get<2>(order[i])] = true;
        left_out.insert(words[std::get<2>(order[i])]);
    }
    notices.push_back("query too costly to search whole: " + std::to_string(left_out.size()) + " of its most frequent words " +
                      (left_out.size() == 1 ? "was" : "were") + " left out");
    return left_out;
}

// Why a parsed query is over the budget of engine/query_budget.hpp, or "".
std::string over_budget(const Xapian::Query& q, const Xapian::Database& db, const QueryBudget& budget) {
    const QueryCost cost = estimated_cost(q, db);
    if (cost.positional > budget.max_positional)
        return std::to_string(cost.positional) + " phrases in all fields, more than " + std::to_string(budget.max_positional);
    if (cost.positional_postings > budget.max_positional_postings) return "its phrases are of words too frequent";
    if (cost.postings > budget.max_query_postings) return "its words are too frequent";
    return "";
}

}  // namespace

// The words typed in capitals, in lower case: 2 to 5 letters or digits, at
// least two of them capital letters ("ALS", "COPD", "HPV16"), not an
// operator. A question of three words or more typed mostly in capitals is
// shouting, not acronyms.
std::set<std::string> typed_acronyms(std::string_view typed) {
    static constexpr std::string_view operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    std::set<std::string> out;
    std::size_t letters = 0, capitals = 0, words = 0;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const auto c = static_cast<unsigned char>(typed[i]);
        letters += std::isalpha(c) ? 1 : 0;
        capitals += (c >= 'A' && c <= 'Z') ? 1 : 0;
        words += std::isalpha(c) && (i == 0 || !std::isalpha(static_cast<unsigned char>(typed[i - 1]))) ? 1 : 0;
    }
    if (words >= 3 && capitals * 2 > letters) return out;
    for (std::size_t i = 0; i < typed.size();) {
        if (!std::isalnum(static_cast<unsigned char>(typed[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < typed.size() && std::isalnum(static_cast<unsigned char>(typed[j]))) ++j;
        // Next to a non-ASCII byte the run is part of a longer word.
        const bool bounded = (i == 0 || static_cast<unsigned char>(typed[i - 1]) < 0x80) &&
                             (j == typed.size() || static_cast<unsigned char>(typed[j]) < 0x80);
        const std::string_view word = typed.substr(i, j - i);
        const auto upper = std::count_if(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        const bool all_capitals_or_digits = std::all_of(word.begin(), word.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        });
        if (bounded && word.size() >= 2 && word.size() <= 5 && upper >= 2 && all_capitals_or_digits &&
            std::find(std::begin(operators), std::end(operators), word) == std::end(operators)) {
            std::string lower(word);
            for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out.insert(std::move(lower));
        }
        i = j;
    }
    return out;
}

bool is_plain_words(const std::string& text) {
    if (text.find_first_of("\"():*") != std::string::npos || text.find("..") != std::string::npos) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool word_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n';
        if (word_start && (text[i] == '+' || text[i] == '-')) return false;
        // normalize_query lower-cases everything but the operators.
        if (text[i] >= 'A' && text[i] <= 'Z') return false;
    }
    return true;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, RankingSettings settings)
    : db_(db), settings_(settings) {
    configure(structured_, db_);
    for (std::size_t i = 0; i < std::size(default_fields); ++i) {
        structured_.add_prefix("", default_fields[i].prefix);
        const auto weight = settings_.field_weights.find(default_fields[i].name);
        if (weight == settings_.field_weights.end() || weight->second <= 0) continue;
        DefaultField field{default_fields[i].name, default_fields[i].prefix, weight->second, {}};
        configure(field.parser, db_);
        field.parser.add_prefix("", default_fields[i].prefix);
        default_fields_.push_back(std::move(field));
    }
    // A trailing wildcard expands to at most this many terms, the most frequent first.
    structured_.set_max_expansion(100, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    add_range_processors(structured_);
}

std::optional<Xapian::Query> QueryBuilder::parse_structured(const std::string& typed, BuiltQuery& out) {
    const std::string text = bracket_proximity_chains(signed_ranges_as_filters(exclusions_as_not(typed)));
    if (parser_leaks_on(text)) {
        out.notices.push_back(
            "query syntax error (NEAR or ADJ right after AND, OR, NOT or XOR, or right after a -word); searched as plain "
            "words");
        return std::nullopt;
    }
    try {
        return structured_.parse_query(text, structured_flags);
    } catch (const Xapian::QueryParserError& e) {
        // Two dots outside a range field ("it hurts.. a lot") are punctuation,
        // which the parser takes for a range: nothing to report.
        if (e.get_msg() != "Unknown range operation" || has_range(text))
            out.notices.push_back("query syntax error (" + e.get_msg() + "); searched as plain words");
    } catch (const Xapian::WildcardError&) {
        out.notices.push_back("wildcard matched too many words; searched as plain words");
    }
    return std::nullopt;
}

Xapian::Query QueryBuilder::plain_words_query(const std::string& text, const std::vector<SynonymMatch>& groups,
                                             BuiltQuery& out) {
    // Words outside synonym groups are parsed as usual; each group becomes
    // one OP_SYNONYM (the words typed and their synonyms weigh as a single
    // term, so a three-word synonym cannot outweigh the one word typed).
    std::vector<std::string> words = words_of(text);
    std::vector<bool> grouped(words.size(), false);
    for (const auto& g : groups)
        for (std::size_t k = g.first; k < g.first + g.words.size(); ++k) grouped[k] = true;
    // A hyphenated word is a phrase in every field: those beyond the phrase
    // budget (engine/query_budget.hpp) are searched as their words.
    std::set<std::string> phrases;
    std::vector<std::string> unjoined;
    double phrase_cost = 0;
    auto within_phrase_budget = [&](const std::string& word) {
        if (phrases.count(word)) return true;
        if (std::find(unjoined.begin(), unjoined.end(), word) != unjoined.end()) return false;
        double cost = 0;
        for (const auto& field : default_fields_) cost += phrase_postings(alphanumeric_runs(word), field.prefix, db_);
        if ((phrases.size() + 1) * default_fields_.size() > settings_.budget.max_positional ||
            phrase_cost + cost > settings_.budget.max_positional_postings) {
            unjoined.push_back(word);
            return false;
        }
        phrases.insert(word);
        phrase_cost += cost;
        return true;
    };
    std::string rest;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (grouped[k]) continue;
        if (!rest.empty()) rest += ' ';
        // The parser leaves a capitalised word unstemmed (STEM_SOME).
        std::string word = acronyms_.count(words[k]) ? ascii_upper(words[k]) : words[k];
        if (word.find('-') != std::string::npos && !within_phrase_budget(word)) std::replace(word.begin(), word.end(), '-', ' ');
        rest += word;
    }

    // Each field weighs in with its own BM25 statistics, scaled by its weight.
    // A word typed twice is one leaf weighted twice (BM25 counts it twice).
    // Terms that only refine (refining_terms) go to `common`.
    std::vector<std::vector<CountedQuery>> leaves;  // per field: one leaf per word typed
    std::vector<Xapian::Query> parsed;
    std::vector<std::string> leaf_terms;
    for (auto& field : default_fields_) {
        parsed.push_back(field.parser.parse_query(rest, 0));
        leaves.push_back(merge_identical(or_leaves(parsed.back())));
        for (const CountedQuery& leaf : leaves.back())
            if (leaf.query.get_type() == Xapian::Query::LEAF_TERM) leaf_terms.push_back(*leaf.query.get_terms_begin());
    }
    std::set<std::string> group_words;
    for (const auto& g : groups) group_words.insert(g.words.begin(), g.words.end());
    const std::set<std::string> refining = refining_terms(leaf_terms, group_words);
    // A group typed twice is one group weighted twice.
    std::vector<std::pair<const SynonymMatch*, unsigned>> distinct_groups;
    for (const auto& g : groups) {
        auto same = std::find_if(distinct_groups.begin(), distinct_groups.end(),
                                 [&](const auto& d) { return d.first->key == g.key; });
        if (same == distinct_groups.end()) distinct_groups.push_back({&g, 1});
        else ++same->second;
    }

    // Every part of the query, field by field, in the order it is built.
    std::vector<Part> parts;
    for (std::size_t f = 0; f < default_fields_.size(); ++f) {
        DefaultField& field = default_fields_[f];
        for (const CountedQuery& leaf : leaves[f])
            parts.push_back({leaf.query, leaf.count, f, is_refining(leaf.query, refining), word_key(leaf.query), {}, {}});
        for (const auto& [group_typed, count] : distinct_groups) {
            const SynonymMatch& g = *group_typed;
            std::vector<Xapian::Query> alternatives;
            std::string label;
            for (std::size_t s = 0; s <= g.synonyms.size(); ++s) {
                const std::string& name = s == 0 ? g.key : g.synonyms[s - 1];
                Xapian::Query alt = name.find(' ') == std::string::npos
                                        ? field.parser.parse_query(name, 0)
                                        : field.parser.parse_query("\"" + name + "\"", Xapian::QueryParser::FLAG_PHRASE);
                if (alt.empty()) continue;
                alternatives.push_back(alt);
                label += (label.empty() ? "" : " | ") + name;
            }
            if (alternatives.empty()) continue;
            Xapian::Query group(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
            parts.push_back({group, count, f, false, "synonyms of " + g.key, label, g.synonyms.size() > 0});
        }
    }
    const std::set<std::string> left_out = costly_words(parts, db_, settings_.budget, out.notices);
    if (!unjoined.empty()) {
        std::string list;
        for (std::size_t i = 0; i < unjoined.size() && i < 5; ++i) list += (i ? ", " : "") + unjoined[i];
        out.notices.push_back(std::to_string(unjoined.size()) + " hyphenated word" + (unjoined.size() == 1 ? " was" : "s were") +
                              " searched as separate words, not as phrases (too many phrases, or too frequent words): " +
                              list + (unjoined.size() > 5 ? ", ..." : ""));
    }

    std::vector<Xapian::Query> rare, common;
    for (std::size_t f = 0; f < default_fields_.size(); ++f) {
        DefaultField& field = default_fields_[f];
        auto scaled = [&](Xapian::Query q) {
            const double weight = field.weight * key_terms_.factor(q);
            return weight == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, weight);
        };
        const Xapian::Query& q = parsed[f];
        for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
            out.clauses.push_back({*t, field.name, false, scaled(Xapian::Query(*t))});
        for (const Part& part : parts) {
            if (part.field != f) continue;
            if (!part.group_label.empty()) out.clauses.push_back({part.group_label, field.name, part.synonym, scaled(part.query)});
            if (left_out.count(part.word)) continue;
            // Synonyms are only looked up for rare words: a group is never refining.
            (part.refining ? common : rare).push_back(weighted_as(scaled(part.query), part.count));
        }
    }
    std::vector<std::string> name_words;  // "soo-jin park": soo, jin, park, as the indexer split the name
    for (const std::string& w : words)
        for (std::string& run : alphanumeric_runs(w)) name_words.push_back(std::move(run));
    for (Xapian::Query& author : author_name_clauses(db_, name_words, settings_.author_names_weight)) {
        out.clauses.push_back({*author.get_unique_terms_begin(), "author", false, author});
        rare.push_back(std::move(author));
    }
    Xapian::Query common_part(Xapian::Query::OP_OR, common.begin(), common.end());
    if (rare.empty()) return common_part;
    Xapian::Query rare_part(Xapian::Query::OP_OR, rare.begin(), rare.end());
    return common.empty() ? rare_part : Xapian::Query(Xapian::Query::OP_AND_MAYBE, rare_part, common_part);
}

Xapian::Query QueryBuilder::common_terms_refine(const Xapian::Query& query) const {
    // The refining rule of plain words (refining_terms) for a query-language
    // query made of ORs ("(dvt) - birth control: ..." in a question): its
    // refining terms go to OP_AND_MAYBE's right side; phrases and other
    // groups under the ORs stay whole, on the left. A query that is not an
    // OR at the top (AND, NOT, +must) is left as parsed. Identical parts,
    // at any depth, are merged into one weighted as many times.
    if (query.get_type() != Xapian::Query::OP_OR) return merge_identical_subqueries(query);
    std::vector<Xapian::Query> parts = or_leaves(query);
    bool merged = false;
    for (auto& part : parts) part = merge_identical_subqueries(part, merged);
    const std::vector<CountedQuery> leaves = merge_identical(parts);
    merged = merged || leaves.size() < parts.size();
    std::vector<std::string> terms;
    std::set<std::string> other_words;  // of the phrases and groups
    for (const auto& leaf : leaves) {
        if (leaf.query.get_type() == Xapian::Query::LEAF_TERM) terms.push_back(*leaf.query.get_terms_begin());
        else add_leaf_words(leaf.query, other_words);
    }
    const std::set<std::string> refining = refining_terms(terms, other_words);
    std::vector<Xapian::Query> rare, common;
    for (const auto& leaf : leaves)
        (is_refining(leaf.query, refining) ? common : rare).push_back(weighted_as(key_terms_.scaled(leaf.query), leaf.count));
    if (key_terms_.active() && (rare.empty() || common.empty()))
        return rare.empty() ? Xapian::Query(Xapian::Query::OP_OR, common.begin(), common.end())
                            : Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end());
    if (rare.empty() || common.empty())
        return merged ? Xapian::Query(Xapian::Query::OP_OR, rare.empty() ? common.begin() : rare.begin(),
                                      rare.empty() ? common.end() : rare.end())
                      : query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end()),
                         Xapian::Query(Xapian::Query::OP_OR, common.begin(), common.end()));
}

std::set<std::string> QueryBuilder::refining_terms(const std::vector<std::string>& terms,
                                                   const std::set<std::string>& other_words) const {
    // The rules are for long questions: a query of a few words matches every
    // answer that has one of them. In a longer one, a word found in more
    // than common_term_share of the answers refines, in every field: a word
    // is judged once, by its most frequent field (its answer text, mostly),
    // or its rare title term alone would decide what matches. So do, in a
    // question of more than max_deciding_words words, the words but the
    // rarest ones. When no word the index knows is left to decide (and no
    // phrase or group in `other_words`), nothing refines: common words alone
    // match as usual. Unknown words cost nothing and decide nothing.
    std::set<std::string> refining;
    const bool common_rule = settings_.common_term_share < 1.0;
    if (!common_rule && settings_.max_deciding_words == 0) return refining;
    // A short query needs no frequencies: counted first, it costs no look-up.
    std::set<std::string> words = other_words;
    for (const std::string& term : terms) words.insert(word_of_term(term));
    if (words.size() <= settings_.short_query_words) return refining;
    std::map<std::string, Xapian::doccount> word_frequency;  // 0: unknown
    for (const std::string& term : terms) {
        auto& most = word_frequency[word_of_term(term)];
        most = std::max(most, db_.get_termfreq(term));
    }
    const double common_above =
        std::max(settings_.common_term_share * db_.get_doccount(), settings_.common_term_min_answers);
    std::set<std::string> refining_words;
    std::vector<std::pair<Xapian::doccount, std::string>> deciding;  // known, not common
    for (const auto& [word, frequency] : word_frequency) {
        if (common_rule && frequency > common_above) refining_words.insert(word);
        else if (frequency > 0) deciding.emplace_back(frequency, word);
    }
    // Rule 10b: chatter refines, when a word that is not chatter decides.
    std::vector<std::pair<Xapian::doccount, std::string>> chatter;
    std::erase_if(deciding, [&](const auto& entry) {
        const bool is_chatter = key_terms_.chatter(entry.second, entry.first, db_.get_doccount());
        if (is_chatter) chatter.push_back(entry);
        return is_chatter;
    });
    if (deciding.empty() && other_words.empty()) deciding = std::move(chatter);
    for (const auto& entry : chatter) refining_words.insert(entry.second);
    if (settings_.max_deciding_words > 0 && deciding.size() > settings_.max_deciding_words) {
        if (!key_terms_.order_deciding(deciding)) std::sort(deciding.begin(), deciding.end());
        for (std::size_t i = settings_.max_deciding_words; i < deciding.size(); ++i)
            refining_words.insert(deciding[i].second);
        deciding.resize(settings_.max_deciding_words);
    }
    if (deciding.empty() && other_words.empty()) return refining;
    for (const std::string& term : terms)
        if (refining_words.count(word_of_term(term))) refining.insert(term);
    return refining;
}

std::vector<QueryBuilder::SynonymMatch> QueryBuilder::find_synonyms(const std::vector<std::string>& words) const {
    // Longest synonym key first, left to right, so "heart attack" wins over "heart".
    const Xapian::Stopper& stopper = english_stopper();
    std::vector<SynonymMatch> matches;
    for (std::size_t i = 0; i < words.size();) {
        std::size_t matched = 0;
        for (std::size_t n = std::min(max_synonym_words, words.size() - i); n >= 1 && !matched; --n) {
            SynonymMatch match;
            bool all_stopwords = true;
            for (std::size_t k = i; k < i + n; ++k) {
                match.key += (k == i ? "" : " ") + words[k];
                match.words.push_back(words[k]);
                all_stopwords &= stopper(words[k]);
            }
            if (all_stopwords) continue;
            // Most word runs have no synonyms: look that up before counting answers.
            auto first_synonym = db_.synonyms_begin(match.key);
            if (first_synonym == db_.synonyms_end(match.key)) continue;
            if (answers_with(match.words) > settings_.synonym_key_max_share * db_.get_doccount()) continue;
            match.first = i;
            const std::vector<std::string> key_words = alphanumeric_runs(match.key);
            for (auto s = first_synonym; s != db_.synonyms_end(match.key); ++s) {
                const std::string synonym = *s;
                // A synonym that holds the words typed ("charcot-marie-tooth
                // disease type 1a" for "charcot-marie-tooth disease") finds
                // nothing they do not find, and its phrase is costly to match.
                if (contains_run(alphanumeric_runs(synonym), key_words)) continue;
                // A one-word synonym in a large share of answers is too general.
                if (synonym.find(' ') == std::string::npos &&
                    db_.get_termfreq(synonym) > settings_.synonym_max_share * db_.get_doccount())
                    continue;
                if (match.synonyms.size() < settings_.max_synonyms) match.synonyms.push_back(synonym);
            }
            if (match.synonyms.empty()) continue;
            matches.push_back(std::move(match));
            matched = n;
        }
        i += matched ? matched : 1;
    }
    return matches;
}

void QueryBuilder::add_category_prior(const std::string& words, BuiltQuery& out) const {
    if (settings_.category_weight <= 0 || out.query.empty()) return;
    std::vector<std::string> categories = question_categories(key_terms_.cue_words(words_of(words)));
    if (categories.empty()) return;
    // A constant weight for the answers of these categories, through their
    // filter terms: skipping along a posting list is far cheaper than
    // reading the category value of every candidate, and both pieces are
    // built into Xapian, so remote shards (xapian-tcpsrv) can run it too.
    std::vector<Xapian::Query> terms;
    for (const std::string& category : categories)
        terms.emplace_back(schema::filter_term(schema::prefix::filter_category, category));
    Xapian::Query prior(Xapian::Query::OP_FILTER,
                        Xapian::Query((new Xapian::FixedWeightPostingSource(settings_.category_weight))->release()),
                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    std::string label;
    for (const auto& c : categories) label += (label.empty() ? "category=" : "|") + c;
    out.clauses.push_back({label, "boost", false, prior});
    out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query, prior);
}

Xapian::doccount QueryBuilder::answers_with(const std::vector<std::string>& words) const {
    // An upper bound, cheap to get: the rarest word's largest field frequency.
    Xapian::doccount fewest = db_.get_doccount();
    for (const std::string& word : words) {
        Xapian::doccount most = 0;
        for (const char* prefix : {schema::prefix::body, schema::prefix::title, schema::prefix::tag})
            most = std::max(most, db_.get_termfreq(prefix + word));
        fewest = std::min(fewest, most);
    }
    return fewest;
}

void QueryBuilder::add_quality_prior(BuiltQuery& out) const {
    if (settings_.quality_weight <= 0 || out.query.empty()) return;
    // The rating slot holds 0..5 stars; the posting source's weight is the value.
    Xapian::Query stars((new Xapian::ValueWeightPostingSource(schema::slot::rating))->release());
    Xapian::Query prior(Xapian::Query::OP_SCALE_WEIGHT, stars, settings_.quality_weight / 5);
    out.clauses.push_back({"rating", "boost", false, prior});
    out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query, prior);
}

bool QueryBuilder::known_word(const std::string& word) const {
    for (const auto& field : default_fields)
        if (db_.term_exists(field.prefix + word)) return true;
    return false;
}

BuiltQuery QueryBuilder::build(const std::string& query, bool spelling, bool synonyms) {
    std::vector<std::string> notices;
    typed_ = query;
    acronyms_ = settings_.acronyms ? typed_acronyms(query) : std::set<std::string>{};
    // A question written out keeps no upper-case operators (query_syntax.hpp).
    std::string text = within_limits(
        reads_as_prose(query) ? normalizer_.normalize(query) : normalizer_.normalize_query(query), notices);
    BuiltQuery out = build_normalized(text, spelling, synonyms);
    out.notices.insert(out.notices.begin(), notices.begin(), notices.end());
    return out;
}

BuiltQuery QueryBuilder::build_as_words(const std::string& query, bool spelling, bool synonyms) {
    std::vector<std::string> notices;
    std::string text = within_limits(normalizer_.normalize_query(query), notices);
    BuiltQuery out = build_normalized(text, spelling, synonyms, true);
    out.notices.insert(out.notices.begin(), notices.begin(), notices.end());
    return out;
}

std::string QueryBuilder::within_limits(std::string text, std::vector<std::string>& notices) const {
    // Word count: cut after max_query_words words, however they are joined
    // ("of-a,of-a": four words, two phrases).
    if (const std::size_t cut = start_of_word_after(text, max_query_words); cut != std::string::npos) {
        text.resize(cut);
        notices.push_back("query cut to its first " + std::to_string(max_query_words) + " words");
    }
    // Wildcards beyond the first few are searched as the words they end.
    std::size_t stars = 0;
    for (char& c : text)
        if (c == '*' && ++stars > max_wildcards) c = ' ';
    if (stars > max_wildcards)
        notices.push_back("only the first " + std::to_string(max_wildcards) + " wildcards were expanded");
    drop_broad_wildcards(text, db_, notices);
    return text;
}

BuiltQuery QueryBuilder::build_corrected(const std::string& corrected, bool synonyms) {
    typed_ = corrected;
    acronyms_.clear();
    return build_normalized(corrected, false, synonyms);
}


bool QueryBuilder::english_word(const std::string& word, std::vector<std::string>& notices) {
    if (!real_words_read_) {
        real_words_read_ = true;
        // The notice names no path: the CGI shows notices to anyone.
        if (!real_words_.load(word_list_path()))
            notices.push_back("no English word list (Debian package wamerican, or $QADEX_DICTIONARY): "
                              "words the index lacks were corrected without it");
        if (settings_.medical_words) medical_words_.load(medical_word_list_path());
    }
    return real_words_.contains(word);
}

std::string QueryBuilder::spelling_correction(const std::string& text, const std::vector<SynonymMatch>& typed_synonyms,
                                              std::vector<std::string>& notices) {
    // Only words that occur in no answer and in no synonym are corrected:
    // Xapian would also "correct" a rare real word into a frequent neighbour
    // (heart -> heard), and "heart attack" has synonyms even where no answer
    // says "attack". Nor are real English words the index lacks: "warehouse"
    // is not a misspelling of "waterhouse", nor "excursion" of "excision".
    // A word the index holds in only an answer or two, typed in lowercase,
    // may still be a typo of a word thousands of answers hold ("wat" is in one
    // answer's tags, as the acronym WAT): it is corrected when its correction
    // is that much more common (Elasticsearch's suggest_mode "popular").
    std::set<std::string> in_synonyms;
    for (const auto& match : typed_synonyms) in_synonyms.insert(match.words.begin(), match.words.end());
    std::string corrected;
    bool changed = false;
    std::size_t looked_up = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find_first_of(" \t\n", i);
        if (j == std::string::npos) j = text.size();
        std::string token = text.substr(i, j - i);
        std::size_t a = 0, b = token.size();
        while (a < b && !is_word_byte(token[a])) ++a;
        while (b > a && !is_word_byte(token[b - 1])) --b;
        const std::string word = token.substr(a, b - a);
        // A wildcard is expanded as typed: "diabet*" is the start of words
        // the index knows, not a misspelling of "diabeta".
        // Words joined by other characters ("hiv/aids", "heart-attack") are
        // several words to the parser, each looked up as typed: corrected as
        // one, "hiv/aids" became the index's "hivaids" and "heart-attack"
        // "heartattack".
        const bool one_word = std::all_of(word.begin(), word.end(), [](char c) {
            return is_word_byte(c) || c == '\'';
        });
        const bool shape = word.size() >= 3 && one_word && token.find_first_of(":*") == std::string::npos &&
                           (a == 0 || (token[a - 1] != '+' && token[a - 1] != '-')) &&
                           std::none_of(word.begin(), word.end(), [](unsigned char c) {
                               return std::isdigit(c) || (c >= 'A' && c <= 'Z');
                           }) &&
                           !english_stopper()(word) && !acronyms_.count(word);
        const bool unknown = shape && !in_synonyms.count(word) && !known_word(word);
        const Xapian::doccount rare =
            shape && !unknown && settings_.popular_correction_max_answers > 0 ? answers_with({word}) : 0;
        const bool rare_known = rare > 0 && rare <= settings_.popular_correction_max_answers;
        if ((unknown || rare_known) && looked_up++ < max_corrections && !english_word(word, notices)) {
            std::string suggestion = db_.get_spelling_suggestion(word, rare_known || word.size() <= 4 ? 1 : 2);
            // Misspellings keep the first letter and about the length; other
            // "corrections" turn unknown real words into different ones
            // (retired -> tired, customer -> custom).
            const std::size_t longer = std::max(word.size(), suggestion.size());
            const std::size_t shorter = std::min(word.size(), suggestion.size());
            const bool popular = !rare_known || (!suggestion.empty() && answers_with({suggestion}) >=
                                                 settings_.popular_correction_ratio * static_cast<double>(rare));
            // The medical list is scanned (0.2-0.4 ms), so only for a word
            // about to be corrected.
            if (!suggestion.empty() && suggestion != word && suggestion[0] == word[0] && longer - shorter <= 1 &&
                popular && !medical_words_.contains(word)) {
                token = token.substr(0, a) + suggestion + token.substr(b);
                changed = true;
            }
        }
        corrected += token;
        if (j < text.size()) corrected += text[j];
        i = j + 1;
    }
    return changed ? corrected : std::string();
}

BuiltQuery QueryBuilder::build_normalized(const std::string& text, bool spelling, bool synonyms, bool as_words) {
    BuiltQuery out;
    key_terms_ = {};
    // Synonym lookups cost a B-tree search per run of words: done once for
    // the words typed, and again only if correcting changed the words.
    const std::vector<std::string> typed_words = words_of(text);
    std::vector<SynonymMatch> typed_synonyms;
    if (spelling || synonyms) typed_synonyms = find_synonyms(typed_words);
    if (spelling) out.corrected = spelling_correction(text, typed_synonyms, out.notices);
    const std::string& searched = (!out.corrected.empty() && settings_.replace_unknown_words) ? out.corrected : text;
    if (!as_words && !is_plain_words(searched)) {
        if (auto structured = parse_structured(searched, out)) {
            out.parsed = true;
            out.field_filters = field_filters_named(searched);
            if (settings_.keyterms.structured)
                key_terms_ = KeyTermWeights::for_question(typed_, without_syntax(searched), db_, settings_.keyterms);
            const Xapian::Query refined = common_terms_refine(*structured);
            if (std::string over = over_budget(refined, db_, settings_.budget); over.empty()) {
                out.query = out.matching = refined;
                for (auto t = out.query.get_unique_terms_begin(); t != out.query.get_unique_terms_end(); ++t)
                    out.clauses.push_back({*t, field_of_term(*t), false, key_terms_.scaled(Xapian::Query(*t))});
                return out;
            } else {
                out.notices.push_back("query too costly as written (" + over + "); searched as plain words");
                out.parsed = false;
                out.field_filters.clear();
            }
        }
    }
    // Plain words, or a query whose syntax failed: searched as words.
    const std::string words = without_syntax(searched);
    key_terms_ = KeyTermWeights::for_question(typed_, words, db_, settings_.keyterms);
    std::vector<SynonymMatch> groups;
    if (synonyms) {
        const std::vector<std::string> searched_words = words_of(words);
        groups = searched_words == typed_words ? std::move(typed_synonyms) : find_synonyms(searched_words);
    }
    out.query = plain_words_query(words, groups, out);
    out.matching = out.query;
    add_proximity(db_, words, settings_, out);
    add_category_prior(words, out);
    if (Xapian::Query title = key_terms_.title_prior(); !title.empty())
        out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query, title);
    add_quality_prior(out);
    return out;
}

}  // namespace qadex
