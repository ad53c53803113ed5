// Where one run's writes go. run_indexer() picks an implementation once
// (open_index_target.hpp) and then talks only to this interface:
//   SingleDatabaseWriter  one database, updated in place
//   ParallelBuildWriter   a new database built as parallel shards, then merged
//   ShardedIndexWriter    a sharded index (--shards N), updated shard by shard
//   RebuildWriter         any of them built beside the database, then swapped in
// Answers are committed in batches (IndexOptions::batch_size documents),
// always at a thread boundary: a killed run leaves whole threads or none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "document_builder.hpp"
#include "stored_hashes.hpp"
#include "thread_part.hpp"
#include "write_counts.hpp"

namespace qadex {

class IndexTarget {
public:
    virtual ~IndexTarget() = default;  // without finish(): abandons what is not committed

    // The content hashes of the threads already stored, read before any
    // write: a run skips the threads whose hash is unchanged. Empty for a
    // target that builds a new database.
    virtual StoredHashes stored_hashes() = 0;

    // Stores a thread's answers, replacing every earlier version of the
    // thread; `tags` (folded, main name first) become synonyms of each other.
    // A large thread comes in parts (thread_part.hpp), its tags with the first.
    virtual void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                            std::vector<std::string>&& tags, ThreadPart part) = 0;

    // The thread that holds `answer_id` in the database being updated, if
    // any (a thread this run has rewritten may be seen before or after);
    // none for a target that builds a new database, where only the run's own
    // answers count (answer_owners.hpp).
    virtual std::optional<std::string> thread_holding(const std::string& /*answer_id*/) { return std::nullopt; }

    // Deletes every answer of the thread; an unknown id is counted, not an error.
    virtual void delete_thread(std::string thread_id) = 0;

    // Records a synonym group (folded terms, main name first); `all_pairs`
    // links every pair (a synonyms file line) rather than each name to the first.
    virtual void add_synonym_group(const std::vector<std::string>& group, bool all_pairs) = 0;

    // Commits every thread put so far where searchers see it, for a target
    // whose writes are visible before finish() (SingleDatabaseWriter);
    // false, committing nothing, for one that appears whole only at finish()
    // (a parallel build, a rebuild) or that commits only by batches (a
    // sharded index). Used for piped input, which may pause at any time.
    virtual bool commit() { return false; }

    // Commits everything written and closes the databases; returns what the
    // run changed. `complete`: the run was not interrupted. Steps that only
    // make sense after a whole run (compacting a new sharded index, swapping
    // in a rebuild) happen only then; a parallel build merges what it has.
    virtual WriteCounts finish(bool complete) = 0;

protected:
    IndexTarget() = default;
    IndexTarget(const IndexTarget&) = delete;
    IndexTarget& operator=(const IndexTarget&) = delete;
};

}  // namespace qadex
