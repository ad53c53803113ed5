// Parallel writing to several databases: Xapian allows one writer per
// database, and that writer is most of an indexing run's cost, so the
// shard-related writers give each shard database its own writer thread.
// The caller says which shard each write is for (shard_of.hpp).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "index_writer.hpp"

namespace qadex {

class ShardWriterThreads {
public:
    // Opens (creating if needed) the databases at `paths`, one writer thread
    // each. `durable` as for IndexWriter.
    ShardWriterThreads(const std::vector<std::string>& paths, std::uint32_t batch_size, bool durable);
    ~ShardWriterThreads();  // without finish(): drops what is queued and abandons what is not committed
    ShardWriterThreads(const ShardWriterThreads&) = delete;
    ShardWriterThreads& operator=(const ShardWriterThreads&) = delete;

    std::uint32_t size() const { return static_cast<std::uint32_t>(shards_.size()); }

    // Each queues the write for shard `shard`'s thread; blocks while that
    // thread is far behind, which keeps memory bounded. Rethrows an error of
    // that thread's writer.
    void put_thread(std::uint32_t shard, std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& tags, ThreadPart part = ThreadPart::whole);
    void delete_thread(std::uint32_t shard, std::string thread_id);
    void add_synonym_group(std::uint32_t shard, const std::vector<std::string>& group, bool all_pairs);

    // Drains the queues, commits and closes every shard, and returns the
    // summed counts. Throws the first writer error, committing nothing then
    // (a damaged shard's error is DatabaseDamagedError naming it).
    WriteCounts finish();

private:
    struct Item {
        std::string thread_id;  // empty: the item only carries a synonym group
        std::vector<AnswerDocument> answers;
        std::vector<std::string> synonyms;
        bool all_pairs = false;
        bool remove = false;  // delete the thread instead of storing it
        ThreadPart part = ThreadPart::whole;
    };
    struct Shard {
        std::string path;
        std::unique_ptr<IndexWriter> writer;
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<Item> queue;
        std::size_t queued_answers = 0;  // documents in `queue`, bounded as well as its length
        bool closing = false;
        std::exception_ptr error;
        std::thread thread;
    };
    void run(Shard& shard);
    void enqueue(Shard& shard, Item&& item);
    void stop_all(bool drain);
    std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace qadex
