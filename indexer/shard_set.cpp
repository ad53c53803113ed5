// Parallel shard writers and their merge (see shard_set.hpp).
#include "shard_set.hpp"

#include <xapian.h>

namespace qadex {

namespace {

constexpr std::size_t max_queued_threads = 256;

}  // namespace

std::uint32_t shard_of(std::string_view thread_id, std::uint32_t shard_count) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : thread_id) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return static_cast<std::uint32_t>(hash % shard_count);
}

ShardSet::ShardSet(const std::vector<std::string>& paths, std::uint32_t batch_size) {
    for (const auto& path : paths) {
        auto shard = std::make_unique<Shard>();
        // Not synced: a fresh build's shards are thrown away if it fails, and
        // their merge (Xapian's compaction) syncs the database it writes. The
        // syncs were 16% of the time of a 120,000-answer build.
        shard->writer = std::make_unique<IndexWriter>(path, batch_size, false);
        shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get()] { run(*s); });
}

ShardSet::~ShardSet() { stop_all(); }

void ShardSet::stop_all() {
    for (auto& shard : shards_) {
        {
            std::lock_guard lock(shard->mutex);
            shard->closing = true;
        }
        shard->changed.notify_all();
    }
    for (auto& shard : shards_)
        if (shard->thread.joinable()) shard->thread.join();
}

void ShardSet::run(Shard& shard) {
    for (;;) {
        Item item;
        {
            std::unique_lock lock(shard.mutex);
            shard.changed.wait(lock, [&] { return !shard.queue.empty() || shard.closing; });
            if (shard.queue.empty() || shard.error) return;
            item = std::move(shard.queue.front());
            shard.queue.pop_front();
        }
        shard.changed.notify_all();
        try {
            shard.writer->add_synonym_group(item.synonyms, item.all_pairs);
            if (item.remove) shard.writer->delete_thread(item.thread_id);
            else if (!item.thread_id.empty()) shard.writer->put_thread(item.thread_id, std::move(item.answers));
        } catch (...) {
            std::lock_guard lock(shard.mutex);
            shard.error = std::current_exception();
            shard.queue.clear();
            shard.changed.notify_all();
            return;
        }
    }
}

void ShardSet::enqueue(Shard& shard, Item&& item) {
    std::unique_lock lock(shard.mutex);
    shard.changed.wait(lock, [&] { return shard.queue.size() < max_queued_threads || shard.error; });
    if (shard.error) std::rethrow_exception(shard.error);
    shard.queue.push_back(std::move(item));
    lock.unlock();
    shard.changed.notify_all();
}

void ShardSet::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                          std::vector<std::string>&& synonym_group) {
    Shard& shard = *shards_[shard_of(thread_id, static_cast<std::uint32_t>(shards_.size()))];
    enqueue(shard, {std::move(thread_id), std::move(answers), std::move(synonym_group), false, false});
}

void ShardSet::delete_thread(std::string thread_id) {
    Shard& shard = *shards_[shard_of(thread_id, static_cast<std::uint32_t>(shards_.size()))];
    enqueue(shard, {std::move(thread_id), {}, {}, false, true});
}

void ShardSet::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    // Through the queue like every write: only a shard's own thread touches its writer.
    enqueue(*shards_.front(), {{}, {}, group, all_pairs, false});
}

WriteCounts ShardSet::finish() {
    stop_all();  // writers drain their queues before they stop
    WriteCounts total;
    for (auto& shard : shards_) {
        if (shard->error) std::rethrow_exception(shard->error);
        shard->writer->commit();
        const WriteCounts& c = shard->writer->counts();
        total.threads_added += c.threads_added;
        total.threads_replaced += c.threads_replaced;
        total.answers_added += c.answers_added;
        total.answers_replaced += c.answers_replaced;
        total.answers_deleted += c.answers_deleted;
        total.threads_deleted += c.threads_deleted;
        total.threads_not_found += c.threads_not_found;
    }
    for (auto& shard : shards_) shard->writer.reset();  // closes, releasing the locks
    return total;
}

void merge_shards(const std::vector<std::string>& shard_paths, const std::string& target) {
    Xapian::Database all;
    for (const auto& path : shard_paths) all.add_database(Xapian::Database(path));
    all.compact(target);
}

}  // namespace qadex
