// The key-term model: how likely an expert who rewrites a consumer question
// in one line keeps each of its words (logistic regression over the
// features of term_features.hpp, learnt from MeQSum by
// bench/train_term_model.py; the weights ship in data/term-model.tsv).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "term_features.hpp"

namespace qadex {

class TermModel {
public:
    // Reads "name<TAB>weight" lines ('#' comments and blank lines skipped):
    // one for "bias" and one for each feature. Throws InputError naming the
    // file and line of a bad, unknown or repeated line, or the file alone
    // when it cannot be read or a weight is missing.
    static TermModel load(const std::string& path);
    // The same from the text of such a file; errors name `source`.
    static TermModel parse(std::string_view text, const std::string& source);

    // P(an expert keeps the word), in (0, 1).
    double keep_probability(const TermFeatures& features) const;

    double bias() const { return bias_; }
    const TermFeatures& weights() const { return weights_; }

private:
    double bias_ = 0;
    TermFeatures weights_{};
};

struct KeyTerm {
    std::string word;  // normalised, as first typed
    std::string stem;  // English stem ("Z" + field prefix + stem are its query terms)
    double probability = 0;
};

// Each content word of `question`, once, in the order first typed, with the
// probability that it carries the question.
std::vector<KeyTerm> key_terms(std::string_view question, const Xapian::Database& db, const TermModel& model);

}  // namespace qadex
