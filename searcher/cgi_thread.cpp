// Reading one thread's answers (see cgi_thread.hpp).
#include "cgi_thread.hpp"

#include <qadex/schema.hpp>

namespace qadex {

namespace {

// A thread has a handful of answers; this only bounds a hostile index.
constexpr std::size_t max_thread_answers = 500;

}  // namespace

std::vector<StoredAnswer> load_thread(Xapian::Database db, const std::string& thread_id) {
    const std::string term = schema::id_term(schema::prefix::thread_id, thread_id);
    for (int attempt = 0;; ++attempt) {
        try {
            std::vector<StoredAnswer> answers;
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                if (answers.size() == max_thread_answers) break;
                answers.push_back(decode_stored_answer(db.get_document(*it).get_data()));
            }
            return answers;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 5) throw;
            db.reopen();
        } catch (const Xapian::DatabaseCorruptError&) {
            // The same race seen from the other side (glass reports a reused
            // block of the revision being read as "Expected block N to be
            // level 1"): retried once the indexer has committed since.
            // Damage still there at the latest revision is real.
            if (attempt >= 5 || !db.reopen()) throw;
        }
    }
}

}  // namespace qadex
