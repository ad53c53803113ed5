// Loading and applying the key-term model (see term_model.hpp).
#include "term_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include <qadex/error.hpp>

namespace qadex {

TermModel TermModel::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "cannot read the term model");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(path, 0, "cannot read the term model");
    return parse(text.str(), path);
}

TermModel TermModel::parse(std::string_view text, const std::string& path) {
    std::istringstream in{std::string(text)};
    TermModel model;
    std::vector<bool> seen(term_feature::count + 1, false);  // the features, then bias
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos) throw InputError(path, number, "expected 'name<TAB>weight'");
        const std::string_view name(line.data(), tab);
        const char* first = line.data() + tab + 1;
        const char* last = line.data() + line.size();
        double weight = 0;
        auto [end, ec] = std::from_chars(first, last, weight);
        if (ec != std::errc() || end != last || !std::isfinite(weight))
            throw InputError(path, number, "weight '" + std::string(first, last) + "' is not a number");
        std::size_t index = term_feature::count;
        if (name != "bias") {
            auto it = std::find(term_feature::names.begin(), term_feature::names.end(), name);
            if (it == term_feature::names.end()) throw InputError(path, number, "unknown feature '" + std::string(name) + "'");
            index = static_cast<std::size_t>(it - term_feature::names.begin());
        }
        if (seen[index]) throw InputError(path, number, "'" + std::string(name) + "' given twice");
        seen[index] = true;
        (index == term_feature::count ? model.bias_ : model.weights_[index]) = weight;
    }
    for (std::size_t i = 0; i <= term_feature::count; ++i)
        if (!seen[i])
            throw InputError(path, 0, "no weight for '" +
                                          std::string(i == term_feature::count ? "bias" : term_feature::names[i]) + "'");
    return model;
}

double TermModel::keep_probability(const TermFeatures& features) const {
    double z = bias_;
    for (std::size_t i = 0; i < term_feature::count; ++i) z += weights_[i] * features[i];
    return 1.0 / (1.0 + std::exp(-z));
}

std::vector<KeyTerm> key_terms(std::string_view question, const Xapian::Database& db, const TermModel& model) {
    std::vector<KeyTerm> terms;
    for (QuestionWord& w : content_words(question, db))
        terms.push_back({std::move(w.word), std::move(w.stem), model.keep_probability(w.features)});
    return terms;
}

}  // namespace qadex
