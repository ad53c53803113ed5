// Title completion (see title_completion.hpp).
#include "engine/title_completion.hpp"

#include <algorithm>

#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>
#include <qadex/text_normalizer.hpp>

namespace qadex {

namespace {

// Documents read per title wanted: some are the same title again (MedQuAD
// asks "What is (are) X?" in several collections), and the shortest of
// them are kept.
constexpr std::size_t documents_per_title = 4;

Xapian::Query title_term(const std::string& word) { return Xapian::Query(schema::prefix::title + word); }

}  // namespace

std::vector<TitleCompletion> complete_title(const Xapian::Database& db, const std::vector<std::string>& words,
                                            const std::vector<std::string>& last_word_choices, std::size_t limit) {
    if (limit == 0 || (words.empty() && last_word_choices.empty())) return {};
    std::vector<Xapian::Query> all;
    for (const auto& w : words) all.push_back(title_term(w));
    if (!last_word_choices.empty()) {
        std::vector<Xapian::Query> choices;
        for (const auto& w : last_word_choices) choices.push_back(title_term(w));
        all.emplace_back(Xapian::Query::OP_OR, choices.begin(), choices.end());
    }
    Xapian::Query query(Xapian::Query::OP_AND, all.begin(), all.end());

    Xapian::Enquire enquire(db);
    // Unranked: the first matches in index order, so the match stops after
    // them whatever the index's size. (BM25 would not rank short titles
    // first anyway: Xapian's document length is the whole answer's.)
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // One document per question: its first answer when the index marks
    // them (schema::first_answer_term), else collapsed by thread.
    if (db.get_termfreq(schema::first_answer_term) > 0)
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::first_answer_term));
    else
        enquire.set_collapse_key(schema::slot::thread_id);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit * documents_per_title));

    std::vector<TitleCompletion> out;
    std::vector<std::string> folded;  // of out's titles
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const StoredAnswer stored = decode_stored_answer(it.get_document().get_data());
        if (stored.title.empty()) continue;
        const std::string key = fold_value(stored.title);
        if (std::find(folded.begin(), folded.end(), key) != folded.end()) continue;
        folded.push_back(key);
        out.push_back({stored.title, std::max<std::uint64_t>(stored.thread_answers, 1)});
    }
    // Most answers first; then the shorter, more general question.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.count != b.count ? a.count > b.count : a.title.size() < b.title.size();
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace qadex
