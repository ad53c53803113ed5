// The "related questions" query (see related.hpp).
#include "engine/related.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

namespace qadex {

namespace {

// A thread has a handful of answers; this bounds the seed of a hostile index.
constexpr std::size_t max_seed_documents = 50;
// A word's query terms weigh at least this share of the best word's.
constexpr double min_scale = 0.2;

// The free-text fields a word is chosen from and looked up in.
struct SeedField {
    const char* prefix;
    double RelatedSettings::*weight;
};
constexpr SeedField seed_fields[] = {
    {schema::prefix::title, &RelatedSettings::title_weight},
    {schema::prefix::question, &RelatedSettings::question_weight},
    {schema::prefix::tag, &RelatedSettings::tag_weight},
    {schema::prefix::body, &RelatedSettings::body_weight},
};

// The field of a stemmed term ("Z" + prefix + stem; stems are lower case,
// prefixes upper case) and its stem; nullptr for other terms.
const SeedField* field_of(std::string_view term, std::string_view& stem) {
    if (term.size() < 2 || term[0] != 'Z') return nullptr;
    std::string_view rest = term.substr(1);
    for (const SeedField& f : seed_fields) {
        std::string_view prefix = f.prefix;
        if (!rest.starts_with(prefix)) continue;
        std::string_view s = rest.substr(prefix.size());
        // An unprefixed stem never starts with a capital (a prefixed term would).
        if (s.empty() || (s[0] >= 'A' && s[0] <= 'Z')) continue;
        stem = s;
        return &f;
    }
    return nullptr;
}

std::string first_term_with_prefix(const Xapian::Document& document, std::string_view prefix) {
    Xapian::TermIterator t = document.termlist_begin();
    t.skip_to(std::string(prefix));
    if (t != document.termlist_end() && (*t).starts_with(prefix)) return *t;
    return {};
}

// Only what some field of an answer holds as text: never ids, filters or marks.
class FreeTextTerms : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.empty() || term == schema::first_answer_term) return false;
        const char c = term[0];
        return c != schema::prefix::answer_id[0] && c != schema::prefix::thread_id[0] && c != 'F';
    }
};

}  // namespace

bool apply_related_setting(std::string_view key, double value, RelatedSettings& s) {
    if (key == "related_words") s.max_words = static_cast<std::size_t>(value);
    else if (key == "related_body") s.body_weight = value;
    else if (key == "related_title") s.title_weight = value;
    else if (key == "related_question") s.question_weight = value;
    else if (key == "related_tag") s.tag_weight = value;
    else if (key == "related_max_share") s.max_share = value;
    else if (key == "related_common_min") s.common_min_answers = value;
    else if (key == "related_scale") s.score_scale = value;
    else if (key == "related_term_share") s.max_term_share = value;
    else return false;
    return true;
}

RelatedSeed find_related_seed(const Xapian::Database& db, const std::string& id) {
    RelatedSeed seed;
    for (const char* prefix : {schema::prefix::answer_id, schema::prefix::thread_id}) {
        const std::string term = schema::id_term(prefix, id);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
            if (seed.documents.size() == max_seed_documents) break;
            seed.documents.push_back(*it);
        }
        if (!seed.documents.empty()) break;  // an answer id first, then a thread id
    }
    for (Xapian::docid doc : seed.documents) {
        std::string thread = db.get_document(doc).get_value(schema::slot::thread_id);
        if (std::find(seed.thread_ids.begin(), seed.thread_ids.end(), thread) == seed.thread_ids.end())
            seed.thread_ids.push_back(std::move(thread));
    }
    return seed;
}

std::vector<RelatedWord> related_words(const Xapian::Database& db, const RelatedSeed& seed,
                                       const RelatedSettings& settings) {
    const double answers = std::max<double>(db.get_doccount(), 1);
    struct Tally {
        double score = 0;
        Xapian::doccount most_answers = 0;  // in its most frequent field
    };
    std::map<std::string, Tally, std::less<>> tally;
    for (Xapian::docid doc : seed.documents) {
        const Xapian::Document document = db.get_document(doc);
        for (auto t = document.termlist_begin(); t != document.termlist_end(); ++t) {
            std::string_view stem;
            const std::string term = *t;
            const SeedField* field = field_of(term, stem);
            if (!field || settings.*(field->weight) <= 0) continue;
            const Xapian::doccount frequency = t.get_termfreq();
            Tally& word = tally[std::string(stem)];
            word.most_answers = std::max(word.most_answers, frequency);
            if (frequency < 2) continue;  // only the seed has it there: it finds nothing
            word.score += settings.*(field->weight) * (1 + std::log(static_cast<double>(t.get_wdf()))) *
                          std::log(answers / frequency);
        }
    }
    const double common = std::max(settings.max_share * answers, settings.common_min_answers);
    // Stopwords ("will", "than", "that") relate answers by their grammar.
    // Nearly all stem to themselves, so the stem is looked up.
    const Xapian::Stopper& stopwords = english_stopper();
    std::vector<RelatedWord> words;
    for (auto& [stem, word] : tally)
        if (word.score > 0 && word.most_answers <= common && !stopwords(stem)) words.push_back({stem, word.score});
    const std::size_t keep = std::min(words.size(), settings.max_words);
    std::partial_sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(keep), words.end(),
                      [](const auto& a, const auto& b) { return a.score > b.score || (a.score == b.score && a.stem < b.stem); });
    words.resize(keep);
    return words;
}

Xapian::Query related_query(const Xapian::Database& db, const std::vector<RelatedWord>& words,
                            const RelatedSeed& seed, const RelatedSettings& settings) {
    if (words.empty()) return {};
    const double most_answers_per_term = settings.max_term_share * db.get_doccount();
    std::vector<Xapian::Query> parts;
    const double best = words.front().score;
    for (const RelatedWord& word : words) {
        std::vector<Xapian::Query> in_fields;
        std::string rarest;
        Xapian::doccount rarest_frequency = 0;
        for (const SeedField& f : seed_fields) {
            std::string term(1, 'Z');
            term.append(f.prefix).append(word.stem);
            const Xapian::doccount frequency = db.get_termfreq(term);
            if (frequency == 0) continue;
            if (rarest.empty() || frequency < rarest_frequency) rarest = term, rarest_frequency = frequency;
            if (frequency <= most_answers_per_term) in_fields.emplace_back(term);
        }
        if (in_fields.empty() && !rarest.empty()) in_fields.emplace_back(rarest);
        if (in_fields.empty()) continue;
        Xapian::Query any(Xapian::Query::OP_OR, in_fields.begin(), in_fields.end());
        const double scale = 1 - settings.score_scale + settings.score_scale * std::max(word.score / best, min_scale);
        parts.push_back(scale == 1 ? any : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any, scale));
    }
    Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    std::vector<Xapian::Query> seed_threads;
    for (const std::string& thread : seed.thread_ids)
        seed_threads.emplace_back(schema::id_term(schema::prefix::thread_id, thread));
    if (seed_threads.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, seed_threads.begin(), seed_threads.end()));
}

Xapian::Query plain_more_like_this(const Xapian::Database& db, const RelatedSeed& seed, std::size_t terms) {
    Xapian::RSet rset;
    for (Xapian::docid doc : seed.documents) rset.add_document(doc);
    Xapian::Enquire enquire(db);
    const FreeTextTerms decider;
    const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(terms), rset, &decider);
    Xapian::Query query(Xapian::Query::OP_OR, eset.begin(), eset.end());
    std::vector<Xapian::Query> seed_answers;
    for (Xapian::docid doc : seed.documents)
        seed_answers.emplace_back(first_term_with_prefix(db.get_document(doc), schema::prefix::answer_id));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, seed_answers.begin(), seed_answers.end()));
}

}  // namespace qadex
