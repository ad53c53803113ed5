// Parallel writing for fresh builds: Xapian allows one writer per database,
// and that writer is most of an indexing run's cost, so a build from scratch
// writes N shard databases at once (one writer thread each) and merges them
// with Xapian's compaction at the end.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "index_writer.hpp"

namespace qadex {

// Stable shard of a thread id (FNV-1a), the same on every run and machine,
// so a thread and all its answers always land in one shard.
std::uint32_t shard_of(std::string_view thread_id, std::uint32_t shard_count);

class ShardSet {
public:
    // Creates the shard databases at `paths` (which must not hold data).
    ShardSet(const std::vector<std::string>& paths, std::uint32_t batch_size);
    ~ShardSet();  // abandons uncommitted work if finish() was not called
    ShardSet(const ShardSet&) = delete;
    ShardSet& operator=(const ShardSet&) = delete;

    // Queues a thread for its shard's writer; blocks while that writer is
    // far behind, which keeps memory bounded. Rethrows a writer's error.
    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& synonym_group);
    // Adds a synonym group (to one shard: compaction merges synonym tables).
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs);
    // Queues the deletion of a thread for the shard that holds it.
    void delete_thread(std::string thread_id);

    // Drains the queues, commits every shard and returns the summed counts.
    // Throws the first writer error.
    WriteCounts finish();

private:
    struct Item {
        std::string thread_id;  // empty: the item only carries a synonym group
        std::vector<AnswerDocument> answers;
        std::vector<std::string> synonyms;
        bool all_pairs = false;
        bool remove = false;  // delete the thread instead of storing it
    };
    struct Shard {
        std::unique_ptr<IndexWriter> writer;
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<Item> queue;
        bool closing = false;
        std::exception_ptr error;
        std::thread thread;
    };
    void run(Shard& shard);
    void enqueue(Shard& shard, Item&& item);
    void stop_all();
    std::vector<std::unique_ptr<Shard>> shards_;
};

// Merges the shard databases into a new database at `target` (which must
// not exist) with Xapian's compaction: postings, spelling, synonyms and
// metadata are combined.
void merge_shards(const std::vector<std::string>& shard_paths, const std::string& target);

}  // namespace qadex
