// Reading one thread's answers (see thread_lookup.hpp).
#include "engine/thread_lookup.hpp"

#include <qadex/schema.hpp>

namespace qadex {

namespace {

// A thread has a handful of answers; this only bounds a hostile index.
constexpr std::size_t max_thread_answers = 500;

}  // namespace

std::vector<StoredAnswer> thread_answers(const Xapian::Database& db, const std::string& thread_id) {
    const std::string term = schema::id_term(schema::prefix::thread_id, thread_id);
    std::vector<StoredAnswer> answers;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (answers.size() == max_thread_answers) break;
        answers.push_back(decode_stored_answer(db.get_document(*it).get_data()));
    }
    return answers;
}

}  // namespace qadex
