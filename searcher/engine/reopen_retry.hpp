// Reading a database that the indexer is committing to: Xapian asks readers
// to reopen and try again when the revision they read was discarded.
#pragma once

#include <xapian.h>

namespace qadex {

// What a DatabaseModifiedError means when no newer revision exists.
inline constexpr const char* newer_block = "a block is of a revision newer than the database's last commit";

// Runs `work`, reopening `db` and running it again (up to 5 times) when the
// indexer has discarded the revision being read: DatabaseModifiedError, or
// the same race as glass sometimes reports it, DatabaseCorruptError
// ("Expected block N to be level 1"), retried only if the database has
// changed since; damage still there at the latest revision is real. So is a
// block newer than the latest revision (DatabaseModifiedError with nothing
// new to reopen): it becomes DatabaseCorruptError.
template <typename Work>
auto with_reopen_retry(Xapian::Database& db, Work&& work) {
    for (int attempt = 0;; ++attempt) {
        try {
            return work();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 5) throw;
            if (!db.reopen()) throw Xapian::DatabaseCorruptError(newer_block);
        } catch (const Xapian::DatabaseCorruptError&) {
            if (attempt >= 5 || !db.reopen()) throw;
        }
    }
}

}  // namespace qadex
