// Proximity refinement of plain questions (see proximity.hpp).
#include "engine/proximity.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

#include "engine/query_builder.hpp"

namespace qadex {

const char* const proximity_setting_keys =
    "proximity, proximity_weight, proximity_count, proximity_window, proximity_pairs, proximity_checked, "
    "proximity_common, proximity_triples, proximity_lookup, proximity_body, proximity_title, proximity_question, "
    "proximity_tag";

bool apply_proximity_setting(const std::string& key, double value, ProximitySettings& p) {
    if (key == "proximity") p.enabled = value != 0;
    else if (key == "proximity_weight") p.weight = value;
    else if (key == "proximity_count") p.count_up_to = std::max(1.0, value);
    else if (key == "proximity_window") p.window = std::max(2u, static_cast<unsigned>(value));
    else if (key == "proximity_pairs") p.max_pairs = static_cast<std::size_t>(value);
    else if (key == "proximity_checked") p.max_checked = static_cast<std::size_t>(value);
    else if (key == "proximity_common") p.common_pairs = static_cast<int>(value);
    else if (key == "proximity_triples") p.triples = value != 0;
    else if (key == "proximity_lookup") p.lookup = value != 0;
    else if (key == "proximity_body") p.body = value;
    else if (key == "proximity_title") p.title = value;
    else if (key == "proximity_question") p.question = value;
    else if (key == "proximity_tag") p.tag = value;
    else return false;
    return true;
}

namespace {

// A word of the question as the index holds it: its terms without prefix
// ("charcot-marie-tooth" is three).
struct Word {
    std::vector<std::string> terms;        // none for a stopword
    Xapian::doccount rarest = 0;           // answer-text frequency of its rarest term
    bool usable = false;                   // a known content word
    bool common = false;                   // in more answers than the common-word share
};

// Adjacent words that may count.
struct Candidate {
    std::size_t first = 0, count = 0;
    Xapian::doccount bound = 0;  // at most this many answers have all its words
};

bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

// White-space separated tokens, trimmed of surrounding punctuation.
std::vector<std::string> tokens_of(const std::string& text) {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t j = i;
        while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
        std::size_t a = i, b = j;
        while (a < b && !is_word_byte(text[a])) ++a;
        while (b > a && !is_word_byte(text[b - 1])) --b;
        if (b > a) tokens.emplace_back(text.substr(a, b - a));
        i = j;
    }
    return tokens;
}

Xapian::Query phrase(const std::vector<std::string>& terms, const std::string& prefix, unsigned window) {
    std::vector<Xapian::Query> parts;
    for (const auto& t : terms) parts.emplace_back(prefix + t);
    // Within a hyphenated word the terms are adjacent whatever the window.
    const auto op = window > 2 ? Xapian::Query::OP_NEAR : Xapian::Query::OP_PHRASE;
    const unsigned w = std::max<unsigned>(window, static_cast<unsigned>(parts.size()));
    return Xapian::Query(op, parts.begin(), parts.end(), w);
}

// Answers matching `q`, counted up to `limit`: the same whether the
// database is one or several shards (an estimate beyond it would not be).
Xapian::doccount answers_matching(const Xapian::Database& db, const Xapian::Query& q, Xapian::doccount limit) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet m = enquire.get_mset(0, 0, limit);
    return std::min(m.get_matches_lower_bound(), limit);
}

}  // namespace

void add_proximity(const Xapian::Database& db, const std::string& text, const RankingSettings& ranking,
                   BuiltQuery& out) {
    const ProximitySettings& p = ranking.proximity;
    if (!p.enabled || p.max_pairs == 0 || p.weight <= 0 || out.query.empty()) return;
    const double n = db.get_doccount();
    if (n == 0) return;

    // The question's words as terms: unstemmed, as phrases are indexed.
    Xapian::QueryParser parser;
    const Xapian::Stem stemmer("english");
    const Xapian::Stopper& stopper = english_stopper();
    const double common_above = ranking.common_term_share < 1.0
                                    ? std::max(ranking.common_term_share * n, ranking.common_term_min_answers)
                                    : n + 1;
    std::vector<Word> words;
    for (const std::string& token : tokens_of(text)) {
        Word w;
        if (!stopper(token)) {
            const Xapian::Query q = parser.parse_query(token, 0);
            for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) w.terms.push_back(*t);
        }
        if (!w.terms.empty()) {
            w.rarest = db.get_doccount();
            bool known = true;
            for (const auto& t : w.terms) {
                const Xapian::doccount f = db.get_termfreq(t);
                known &= f > 0 || db.term_exists(schema::prefix::title + t);
                w.rarest = std::min(w.rarest, f);
                // As the common-word rule counts it (its stem); numbers have no stem.
                std::string stemmed = "Z";
                stemmed += stemmer(t);
                if (std::max(f, db.get_termfreq(stemmed)) > common_above) w.common = true;
            }
            w.usable = known && (p.common_pairs > 0 || !w.common);
        }
        words.push_back(std::move(w));  // a stopword too: it separates its neighbours
    }

    // Adjacent usable words, those of the rarest words first.
    std::vector<Candidate> pairs;
    for (std::size_t i = 0; i + 2 <= words.size(); ++i) {
        const Word& a = words[i];
        const Word& b = words[i + 1];
        if (!a.usable || !b.usable || (p.common_pairs < 2 && a.common && b.common)) continue;
        pairs.push_back({i, 2, std::min(a.rarest, b.rarest)});
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const Candidate& a, const Candidate& b) { return a.bound < b.bound; });

    struct Field {
        const char* prefix;
        double weight;
    };
    std::vector<Field> fields;
    auto weight_of = [&](std::string_view name) {
        const auto w = ranking.field_weights.find(name);
        return w == ranking.field_weights.end() ? 0.0 : w->second;
    };
    for (const Field f : {Field{schema::prefix::body, weight_of("body") * p.body},
                          Field{schema::prefix::title, weight_of("title") * p.title},
                          Field{schema::prefix::question, weight_of("question") * p.question},
                          Field{schema::prefix::tag, weight_of("tag") * p.tag}})
        if (f.weight > 0) fields.push_back(f);
    if (fields.empty()) return;

    std::vector<Xapian::Query> boosts;
    std::size_t counted = 0, checked = 0;
    std::vector<std::string> seen;                 // a pair typed twice counts once
    std::vector<bool> found(words.size(), false);  // the pair starting at word i is in some answer
    auto consider = [&](const Candidate& c) {
        std::vector<std::string> terms;
        std::string label;
        for (std::size_t k = c.first; k < c.first + c.count; ++k)
            for (const auto& t : words[k].terms) {
                terms.push_back(t);
                label += (label.empty() ? "" : " ") + t;
            }
        if (std::find(seen.begin(), seen.end(), label) != seen.end()) return;
        seen.push_back(label);
        ++checked;
        std::vector<Xapian::Query> in_fields;
        for (const Field& f : fields) in_fields.push_back(phrase(terms, f.prefix, p.window));
        const Xapian::Query anywhere(Xapian::Query::OP_OR, in_fields.begin(), in_fields.end());
        const auto up_to = static_cast<Xapian::doccount>(p.count_up_to);
        // Without a look-up the pair weighs as if in as many answers as it
        // can be (its rarer word's), count_up_to at most.
        const Xapian::doccount with =
            p.lookup ? answers_matching(db, anywhere, up_to) : std::clamp<Xapian::doccount>(c.bound, 1, up_to);
        if (with == 0) return;
        // A fixed weight: the phrase's own rarity, whatever its words weigh.
        const double w = p.weight * std::log(n / with);
        if (w <= 0) return;
        Xapian::Query boost(Xapian::Query::OP_FILTER,
                            Xapian::Query((new Xapian::FixedWeightPostingSource(w))->release()), anywhere);
        std::string quoted = "\"";
        quoted += label;
        quoted += '"';
        out.clauses.push_back({quoted, "phrase", false, boost});
        boosts.push_back(boost);
        found[c.first] = true;
        ++counted;
    };
    for (const Candidate& c : pairs) {
        if (counted == p.max_pairs || checked == p.max_checked) break;
        consider(c);
    }
    // Three words, when both of their pairs are in some answer.
    if (p.triples && p.lookup)
        for (std::size_t i = 0; i + 3 <= words.size(); ++i) {
            if (counted == p.max_pairs || checked == p.max_checked) break;
            if (found[i] && found[i + 1]) consider({i, 3, 0});
        }
    if (boosts.empty()) return;
    out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query,
                              Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

}  // namespace qadex
