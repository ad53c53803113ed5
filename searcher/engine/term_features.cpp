// Features of a question's content words (see term_features.hpp).
#include "term_features.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

#include "question_text.hpp"

namespace qadex {

using namespace term_feature;

namespace {

bool ends_with_any(std::string_view word, std::initializer_list<std::string_view> suffixes, std::size_t min_size) {
    if (word.size() < min_size) return false;
    return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view s) { return word.ends_with(s); });
}

// Medical and drug name endings (INN stems): a handful, so the model can
// tell "nephritis" or "lisinopril" from chatter without a medical lexicon.
bool medical_suffix(std::string_view w) {
    return ends_with_any(w, {"itis", "oma", "osis", "emia", "aemia", "pathy", "ectomy", "otomy", "ostomy", "algia",
                             "plasty", "scopy", "plasia", "megaly", "rrhea", "rrhoea", "iasis", "penia", "uria",
                             "trophy", "ism"},
                         5);
}

bool drug_suffix(std::string_view w) {
    return ends_with_any(w, {"mab", "nib", "pril", "sartan", "statin", "olol", "azole", "cillin", "mycin", "cycline",
                             "vir", "azepam", "zolam", "tidine", "triptan", "afil", "formin", "gliptin", "glitazone",
                             "idine", "azine", "amine", "oxetine", "tyline", "dipine", "apine", "sone", "olone",
                             "profen", "oxacin", "caine", "parin", "xaban", "lukast", "semide", "thiazide", "dronate"},
                         6);
}

std::size_t characters(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
    }));
}

// log((N+1)/(df+1)) / log(N+1): the IDF scaled to 0..1 by its largest value.
double scaled_idf(Xapian::doccount df, Xapian::doccount n) {
    if (n == 0) return 1.0;
    return std::log((n + 1.0) / (df + 1.0)) / std::log(n + 1.0);
}

// Features of the word itself and the database, the same at every occurrence.
void word_features(QuestionWord& w, const Xapian::Database& db) {
    TermFeatures& f = w.features;
    const Xapian::doccount n = db.get_doccount();
    const char* fields[] = {schema::prefix::body, schema::prefix::title, schema::prefix::question, schema::prefix::tag};
    const Index nidf[] = {nidf_body, nidf_title, nidf_question, nidf_tag};
    Xapian::doccount title_df = 0, any_df = 0;
    for (std::size_t i = 0; i < std::size(fields); ++i) {
        std::string term = "Z";  // appended, not "Z" + ...: GCC 12 warns wrongly (-Wrestrict) on that
        term.append(fields[i]).append(w.stem);
        const Xapian::doccount df = db.get_termfreq(term);
        f[nidf[i]] = scaled_idf(df, n);
        if (nidf[i] == nidf_title) title_df = df;
        any_df = std::max(any_df, df);
    }
    f[in_titles] = title_df > 0;
    f[tag_name] = db.term_exists(schema::filter_term(schema::prefix::filter_tag, w.word));
    f[unknown] = any_df == 0;
    f[number] = std::any_of(w.word.begin(), w.word.end(), [](char c) { return c >= '0' && c <= '9'; });
    f[length] = static_cast<double>(std::min<std::size_t>(characters(w.word), 20));
    f[suffix_ing_ed] = ends_with_any(w.word, {"ing", "ed"}, 5);
    f[suffix_ly] = ends_with_any(w.word, {"ly"}, 4);
    f[suffix_abstract] = ends_with_any(w.word, {"tion", "sion", "ment", "ness", "ity"}, 6);
    f[suffix_medical] = medical_suffix(w.word);
    f[suffix_drug] = drug_suffix(w.word);
}

}  // namespace

std::vector<QuestionWord> content_words(std::string_view question, const Xapian::Database& db) {
    const QuestionText text = split_question(question);
    const Xapian::Stopper& stopper = english_stopper();
    const Xapian::Stem stemmer("english");
    const std::size_t last_position = text.tokens.empty() ? 0 : text.tokens.back().position;
    const std::size_t last_sentence_index = text.asking.empty() ? 0 : text.asking.size() - 1;
    std::vector<QuestionWord> words;
    std::map<std::string, std::size_t> by_stem;  // stem -> index in words
    for (const QuestionToken& t : text.tokens) {
        if (stopper(t.word)) continue;
        const std::string stem = stemmer(t.word);
        if (stem.empty()) continue;
        auto [at, added] = by_stem.try_emplace(stem, words.size());
        if (added) {
            words.push_back({t.word, stem, {}});
            words.back().features[position] =
                last_position == 0 ? 0.0 : static_cast<double>(t.position) / static_cast<double>(last_position);
        }
        // Clues of any occurrence count.
        TermFeatures& f = words[at->second].features;
        f[occurrences] = std::min(f[occurrences] + 1, 4.0);
        if (!text.shouting) {
            f[capitalised] = f[capitalised] || (t.capitalised && !t.all_caps && !t.sentence_start);
            f[all_caps] = f[all_caps] || t.all_caps;
        }
        f[first_sentence] = f[first_sentence] || t.sentence == 0;
        f[last_sentence] = f[last_sentence] || t.sentence == last_sentence_index;
        f[asking_sentence] = f[asking_sentence] || text.asking[t.sentence];
    }
    for (QuestionWord& w : words) word_features(w, db);
    return words;
}

}  // namespace qadex
