// Key terms in ranking (see term_weighting.hpp).
#include "engine/term_weighting.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

#include "engine/question_text.hpp"
#include "engine/term_model.hpp"

namespace qadex {

// data/term-model.tsv's text, generated at build time (searcher/CMakeLists.txt).
extern const char* const builtin_term_model_text;

namespace {

// A query term's field prefix and stem: its stemming mark and prefix are
// capitals, the indexed text lower case ("ZXQcaus" -> "XQ", "caus").
std::pair<std::string_view, std::string> split_term(std::string_view term) {
    if (term.starts_with('Z')) term.remove_prefix(1);
    std::size_t i = 0;
    while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
    return {term.substr(0, i), std::string(term.substr(i))};
}

// The distinct stems of the content words of `text` (no database needed).
std::set<std::string> content_stems(std::string_view text) {
    const Xapian::Stopper& stopper = english_stopper();
    const Xapian::Stem stemmer("english");
    std::set<std::string> stems;
    for (const QuestionToken& t : split_question(text).tokens)
        if (!stopper(t.word)) {
            std::string stem = stemmer(t.word);
            if (!stem.empty()) stems.insert(std::move(stem));
        }
    return stems;
}

}  // namespace

const TermModel& shipped_term_model() {
    static const TermModel model = [] {
        const char* path = std::getenv("QADEX_TERM_MODEL");
        if (path && *path) return TermModel::load(path);
        return TermModel::parse(builtin_term_model_text, "built-in data/term-model.tsv");
    }();
    return model;
}

KeyTermWeights KeyTermWeights::for_question(std::string_view question, std::string_view searched,
                                            const Xapian::Database& db, const KeyTermSettings& settings) {
    KeyTermWeights out;
    if (!settings.enabled) return out;
    // Counting content words costs no database look-up; most queries stop here.
    const std::set<std::string> searched_stems = content_stems(searched);
    if (searched_stems.size() <= settings.min_words) return out;
    const TermModel& model = shipped_term_model();
    std::map<std::string, double> probability;  // stem -> P(kept)
    for (const KeyTerm& t : key_terms(question, db, model)) probability.emplace(t.stem, t.probability);
    // A word the spelling correction brought in is weighed as it stands in
    // the searched text (its capitals are lost there).
    if (std::any_of(searched_stems.begin(), searched_stems.end(), [&](const auto& s) { return !probability.count(s); }))
        for (const KeyTerm& t : key_terms(searched, db, model)) probability.emplace(t.stem, t.probability);
    if (probability.size() <= settings.min_words) return out;
    out.settings_ = settings;
    for (const auto& [stem, p] : probability) out.largest_ = std::max(out.largest_, p);
    out.probability_ = std::move(probability);
    return out;
}

double KeyTermWeights::term_factor(std::string_view term, bool& known) const {
    const auto [field_prefix, stem] = split_term(term);
    auto it = probability_.find(stem);
    if (it == probability_.end()) return 1.0;
    known = true;
    const double relative = it->second / largest_;
    const double x = settings_.shape == 1 ? it->second : relative;
    const double floor = std::clamp(settings_.floor, 0.0, 1.0);
    double f = floor + (1 - floor) * (settings_.power == 1.0 ? x : std::pow(x, settings_.power));
    f *= settings_.scale;
    if (field_prefix == schema::prefix::title && relative >= settings_.title_min) f *= settings_.title_boost;
    return std::max(f, 1e-3);  // never 0: every answer the words find stays found
}

double KeyTermWeights::factor(const Xapian::Query& query) const {
    if (!active()) return 1.0;
    bool known = false;
    double largest = 0;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t)
        largest = std::max(largest, term_factor(*t, known));
    return known ? largest : 1.0;
}

Xapian::Query KeyTermWeights::scaled(const Xapian::Query& query) const {
    const double f = factor(query);
    return f == 1.0 ? query : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, f);
}

bool KeyTermWeights::order_deciding(std::vector<std::pair<Xapian::doccount, std::string>>& by_frequency) const {
    if (!active() || !settings_.deciding) return false;
    auto x = [&](const std::string& stem) {
        auto it = probability_.find(stem);
        return it == probability_.end() ? 1.0 : it->second;  // unknown to the model: kept, as rarity would
    };
    std::sort(by_frequency.begin(), by_frequency.end(), [&](const auto& a, const auto& b) {
        const double xa = x(a.second), xb = x(b.second);
        return xa != xb ? xa > xb : a < b;
    });
    return true;
}

bool KeyTermWeights::chatter(const std::string& stem, Xapian::doccount frequency, Xapian::doccount doccount) const {
    if (!active() || settings_.chatter_below <= 0) return false;
    auto it = probability_.find(stem);
    return it != probability_.end() && it->second < settings_.chatter_below &&
           frequency > settings_.chatter_min_share * doccount;
}

Xapian::Query KeyTermWeights::title_prior() const {
    if (!active() || settings_.title_fixed <= 0) return {};
    std::vector<Xapian::Query> terms;
    for (const auto& [stem, p] : probability_)
        if (p >= settings_.title_min * largest_) terms.emplace_back(std::string("Z") + schema::prefix::title + stem);
    if (terms.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query((new Xapian::FixedWeightPostingSource(settings_.title_fixed))->release()),
                         Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
}

std::vector<std::string> KeyTermWeights::cue_words(const std::vector<std::string>& words) const {
    if (!active() || settings_.cue_min <= 0) return words;
    const Xapian::Stem stemmer("english");
    std::vector<std::string> kept;
    for (const std::string& w : words) {
        auto it = probability_.find(stemmer(w));
        if (it == probability_.end() || it->second >= settings_.cue_min * largest_) kept.push_back(w);
    }
    return kept;
}

}  // namespace qadex
