// The single writer of a qadex database: replaces whole threads, deletes
// threads, commits in batches, and keeps the counts the summary reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include <qadex/error.hpp>

#include "document_builder.hpp"
#include "thread_part.hpp"
#include "write_counts.hpp"

namespace qadex {

// Another indexer holds the write lock: exit_code::locked.
class DatabaseLockedError : public FatalError {
public:
    using FatalError::FatalError;
};

class IndexWriter {
public:
    // Opens (creating if needed) the database at `path`. Throws
    // DatabaseLockedError, SchemaMismatchError or Xapian::Error.
    // `durable`: each commit is synced to disk (fdatasync). A fresh build's
    // temporary shards turn it off: they are merged, and the merge syncs.
    IndexWriter(const std::string& path, std::uint32_t batch_size, bool durable = true);
    ~IndexWriter();  // abandons uncommitted changes: callers commit() explicitly
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // Stores a thread's answers, replacing any earlier version of the thread
    // and deleting its answers that are no longer there. Commits when the
    // batch is full, always at a thread boundary (after a thread's last part).
    void put_thread(const std::string& thread_id, std::vector<AnswerDocument>&& answers,
                    ThreadPart part = ThreadPart::whole);

    // Records that the terms of `group` (folded text, words separated by
    // spaces) mean the same; the first is the group's main name. Groups
    // already added in this run are skipped.
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs);

    // Adds words to the spelling dictionary (once per answer they occur in),
    // without documents: the lexicon of a sharded index (sharded_index.hpp).
    void add_spelling(const std::vector<std::string>& words);

    // Deletes every answer of the thread; false when the index has none.
    bool delete_thread(const std::string& thread_id);

    // Makes everything so far durable. Throws Xapian::Error on failure.
    void commit();

    const WriteCounts& counts() const { return counts_; }
    // For reading what is stored before a run writes (stored_hashes.hpp).
    const Xapian::Database& database() const { return db_; }
    std::uint64_t committed_threads() const { return committed_threads_; }

private:
    void begin_change();
    bool has_synonym(const std::string& term, const std::string& synonym) const;
    void count_change();
    void end_thread();
    Xapian::WritableDatabase db_;
    // The thread being put (in parts or whole): its id, its documents before
    // (sorted), which of them this version replaced, and whether it existed.
    struct OpenThread {
        std::string id;
        std::vector<Xapian::docid> old_docs;
        std::vector<bool> replaced;
        bool existed = false;
    };
    std::optional<OpenThread> open_thread_;
    std::string path_;
    std::uint32_t batch_size_;
    std::uint32_t pending_ = 0;  // documents changed since the last commit
    bool in_transaction_ = false;
    std::uint64_t threads_since_commit_ = 0, committed_threads_ = 0;
    WriteCounts counts_;
    std::unordered_set<std::string> synonym_groups_seen_;
    std::unordered_map<std::string, Xapian::termcount> pending_spelling_;  // word -> documents, this batch
};

// Counts shown by --stats.
struct DatabaseStats {
    std::uint64_t answers = 0, threads = 0, terms = 0;
    double average_length = 0;
    std::string schema_version;
};
DatabaseStats read_stats(const std::string& path);

}  // namespace qadex
