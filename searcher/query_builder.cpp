// Query understanding (see query_builder.hpp).
#include "query_builder.hpp"

#include <algorithm>
#include <set>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

namespace qadex {

namespace {

struct NamedPrefix {
    const char* name;
    const char* prefix;
};

// Fields the query language names ("title:botox"); "body" is the answer text.
constexpr NamedPrefix query_fields[] = {
    {"title", schema::prefix::title},         {"question", schema::prefix::question},
    {"body", schema::prefix::body},           {"author", schema::prefix::author},
    {"specialty", schema::prefix::specialty}, {"location", schema::prefix::location},
    {"source", schema::prefix::source},       {"tag", schema::prefix::tag},
    {"category", schema::prefix::category},
};

constexpr unsigned structured_flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;
constexpr std::size_t max_synonym_words = 4;  // longest synonym key tried, in words

void configure(Xapian::QueryParser& parser, const Xapian::Database& db, const Xapian::Stem& stemmer) {
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(&english_stopper());
    parser.set_default_op(Xapian::Query::OP_OR);
    for (const auto& f : query_fields) parser.add_prefix(f.name, f.prefix);
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

bool is_word_char(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

// The words of normalised text, trimmed of surrounding punctuation.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
        std::size_t j = i;
        while (j < text.size() && !(text[j] == ' ' || text[j] == '\t' || text[j] == '\n')) ++j;
        std::size_t a = i, b = j;
        while (a < b && !is_word_char(text[a])) ++a;
        while (b > a && !is_word_char(text[b - 1])) --b;
        if (b > a) words.emplace_back(text.substr(a, b - a));
        i = j;
    }
    return words;
}

}  // namespace

bool is_plain_words(const std::string& text) {
    if (text.find_first_of("\"():*") != std::string::npos) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool word_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n';
        if (word_start && (text[i] == '+' || text[i] == '-')) return false;
        // normalize_query lower-cases everything but the operators.
        if (text[i] >= 'A' && text[i] <= 'Z') return false;
    }
    return true;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, RankingSettings settings)
    : db_(db), settings_(settings), stemmer_("english") {
    configure(structured_, db_, stemmer_);
    const std::pair<const char*, const char*> defaults[] = {
        {"body", schema::prefix::body}, {"title", schema::prefix::title},
        {"question", schema::prefix::question}, {"tag", schema::prefix::tag}};
    const double weights[] = {settings_.body_weight, settings_.title_weight, settings_.question_weight,
                              settings_.tag_weight};
    for (std::size_t i = 0; i < std::size(defaults); ++i) {
        structured_.add_prefix("", defaults[i].second);
        if (weights[i] <= 0) continue;
        DefaultField field{defaults[i].first, defaults[i].second, weights[i], {}};
        configure(field.parser, db_, stemmer_);
        field.parser.add_prefix("", defaults[i].second);
        default_fields_.push_back(std::move(field));
    }
    // A trailing wildcard expands to at most this many terms, the most frequent first.
    structured_.set_max_expansion(100, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    structured_.add_rangeprocessor((new Xapian::NumberRangeProcessor(schema::slot::rating, "rating:"))->release());
    structured_.add_rangeprocessor((new Xapian::NumberRangeProcessor(schema::slot::reviews, "reviews:"))->release());
    structured_.add_rangeprocessor((new Xapian::NumberRangeProcessor(schema::slot::votes, "votes:"))->release());
    structured_.add_rangeprocessor((new Xapian::RangeProcessor(schema::slot::date, "date:"))->release());
}

Xapian::Query QueryBuilder::parse_structured(const std::string& text, BuiltQuery& out) {
    try {
        return structured_.parse_query(text, structured_flags);
    } catch (const Xapian::QueryParserError& e) {
        out.notices.push_back("query syntax error (" + e.get_msg() + "); searched as plain words");
    } catch (const Xapian::WildcardError&) {
        out.notices.push_back("wildcard matched too many words; searched as plain words");
    }
    return structured_.parse_query(text, 0);
}

Xapian::Query QueryBuilder::plain_words_query(const std::string& text, BuiltQuery& out) {
    // Each field weighs in with its own BM25 statistics, scaled by its weight.
    std::vector<Xapian::Query> per_field;
    for (auto& field : default_fields_) {
        Xapian::Query q = field.parser.parse_query(text, 0);
        if (q.empty()) continue;
        if (field.weight != 1.0) q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, field.weight);
        for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
            out.clauses.push_back({*t, field.name, false,
                                   Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), field.weight)});
        per_field.push_back(q);
    }
    return Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
}

std::vector<QueryBuilder::SynonymMatch> QueryBuilder::find_synonyms(const std::string& text) const {
    // Longest synonym key first, left to right, so "heart attack" wins over "heart".
    std::vector<std::string> words = words_of(text);
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
            for (auto s = db_.synonyms_begin(match.key); s != db_.synonyms_end(match.key); ++s)
                match.synonyms.push_back(*s);
            if (match.synonyms.empty()) continue;
            matches.push_back(std::move(match));
            matched = n;
        }
        i += matched ? matched : 1;
    }
    return matches;
}

Xapian::Query QueryBuilder::synonyms_query(const std::string& text, BuiltQuery& out) {
    std::vector<Xapian::Query> expansions;
    for (const SynonymMatch& match : find_synonyms(text)) {
        for (const std::string& synonym : match.synonyms) {
            if (expansions.size() >= settings_.max_synonyms) break;
            BuiltQuery scratch;
            Xapian::Query q = synonym.find(' ') == std::string::npos
                                  ? plain_words_query(synonym, scratch)
                                  : structured_.parse_query("\"" + synonym + "\"", Xapian::QueryParser::FLAG_PHRASE);
            if (q.empty()) continue;
            out.clauses.push_back({"\"" + synonym + "\"", "any", true,
                                   Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, settings_.synonym_weight)});
            expansions.push_back(q);
        }
    }
    if (expansions.empty()) return {};
    Xapian::Query any(Xapian::Query::OP_OR, expansions.begin(), expansions.end());
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, settings_.synonym_weight);
}

bool QueryBuilder::known_word(const std::string& word) const {
    for (const char* prefix : {schema::prefix::body, schema::prefix::title, schema::prefix::question, schema::prefix::tag})
        if (db_.term_exists(prefix + word)) return true;
    return false;
}

BuiltQuery QueryBuilder::build(const std::string& query, bool spelling, bool synonyms) {
    return build_normalized(normalizer_.normalize_query(query), spelling, synonyms);
}

BuiltQuery QueryBuilder::build_corrected(const std::string& corrected, bool synonyms) {
    return build_normalized(corrected, false, synonyms);
}


std::string QueryBuilder::spelling_correction(const std::string& text) const {
    // Only words that occur in no answer and in no synonym are corrected:
    // Xapian would also "correct" a rare real word into a frequent neighbour
    // (heart -> heard), and "heart attack" has synonyms even where no answer
    // says "attack".
    std::set<std::string> in_synonyms;
    for (const auto& match : find_synonyms(text)) in_synonyms.insert(match.words.begin(), match.words.end());
    std::string corrected;
    bool changed = false;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = text.find_first_of(" \t\n", i);
        if (j == std::string::npos) j = text.size();
        std::string token = text.substr(i, j - i);
        std::size_t a = 0, b = token.size();
        while (a < b && !is_word_char(token[a])) ++a;
        while (b > a && !is_word_char(token[b - 1])) --b;
        const std::string word = token.substr(a, b - a);
        bool candidate = word.size() >= 3 && token.find(':') == std::string::npos &&
                         (a == 0 || (token[a - 1] != '+' && token[a - 1] != '-')) &&
                         std::none_of(word.begin(), word.end(), [](unsigned char c) {
                             return std::isdigit(c) || (c >= 'A' && c <= 'Z');
                         }) &&
                         !english_stopper()(word) && !in_synonyms.count(word) && !known_word(word);
        if (candidate) {
            std::string suggestion = db_.get_spelling_suggestion(word, word.size() <= 4 ? 1 : 2);
            if (!suggestion.empty() && suggestion != word) {
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

BuiltQuery QueryBuilder::build_normalized(const std::string& text, bool spelling, bool synonyms) {
    BuiltQuery out;
    if (spelling) out.corrected = spelling_correction(text);
    const std::string& searched = (!out.corrected.empty() && settings_.replace_unknown_words) ? out.corrected : text;
    if (is_plain_words(searched)) {
        out.query = plain_words_query(searched, out);
        if (synonyms) {
            Xapian::Query expansion = synonyms_query(searched, out);
            if (!expansion.empty()) out.query = Xapian::Query(Xapian::Query::OP_OR, out.query, expansion);
        }
    } else {
        out.query = parse_structured(searched, out);
        for (auto t = out.query.get_unique_terms_begin(); t != out.query.get_unique_terms_end(); ++t)
            out.clauses.push_back({*t, field_of_term(*t), false, Xapian::Query(*t)});
    }
    return out;
}

}  // namespace qadex
