// One writer thread per shard database (see shard_writer_threads.hpp).
#include "shard_writer_threads.hpp"

#include <qadex/database_check.hpp>

namespace qadex {

namespace {

constexpr std::size_t max_queued_threads = 256;
// And by documents: a queue of large threads' parts would hold far more.
constexpr std::size_t max_queued_answers = 2048;

}  // namespace

ShardWriterThreads::ShardWriterThreads(const std::vector<std::string>& paths, std::uint32_t batch_size,
                                       bool durable) {
    for (const auto& path : paths) {
        auto shard = std::make_unique<Shard>();
        shard->path = path;
        shard->writer = std::make_unique<IndexWriter>(path, batch_size, durable);
        shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get()] { run(*s); });
}

ShardWriterThreads::~ShardWriterThreads() { stop_all(false); }

void ShardWriterThreads::stop_all(bool drain) {
    for (auto& shard : shards_) {
        {
            std::lock_guard lock(shard->mutex);
            shard->closing = true;
            // Abandoned (another shard failed, or the run did): a batch
            // filled by the rest of the queue must not be committed.
            if (!drain) shard->queue.clear();
        }
        shard->changed.notify_all();
    }
    for (auto& shard : shards_)
        if (shard->thread.joinable()) shard->thread.join();
}

void ShardWriterThreads::run(Shard& shard) {
    for (;;) {
        Item item;
        {
            std::unique_lock lock(shard.mutex);
            shard.changed.wait(lock, [&] { return !shard.queue.empty() || shard.closing; });
            if (shard.queue.empty() || shard.error) return;
            item = std::move(shard.queue.front());
            shard.queue.pop_front();
            shard.queued_answers -= item.answers.size();
        }
        shard.changed.notify_all();
        try {
            shard.writer->add_synonym_group(item.synonyms, item.all_pairs);
            if (item.remove) shard.writer->delete_thread(item.thread_id);
            else if (!item.thread_id.empty()) shard.writer->put_thread(item.thread_id, std::move(item.answers), item.part);
        } catch (...) {
            std::exception_ptr error = std::current_exception();
            try {
                throw;
            } catch (const Xapian::Error& e) {
                if (is_damage(e)) error = std::make_exception_ptr(DatabaseDamagedError(shard.path, e.get_msg()));
            } catch (...) {
            }
            std::lock_guard lock(shard.mutex);
            shard.error = error;
            shard.queue.clear();
            shard.queued_answers = 0;
            shard.changed.notify_all();
            return;
        }
    }
}

void ShardWriterThreads::enqueue(Shard& shard, Item&& item) {
    std::unique_lock lock(shard.mutex);
    shard.changed.wait(lock, [&] {
        return shard.queue.empty() || shard.error ||
               (shard.queue.size() < max_queued_threads && shard.queued_answers < max_queued_answers);
    });
    if (shard.error) std::rethrow_exception(shard.error);
    shard.queued_answers += item.answers.size();
    shard.queue.push_back(std::move(item));
    lock.unlock();
    shard.changed.notify_all();
}

void ShardWriterThreads::put_thread(std::uint32_t shard, std::string thread_id, std::vector<AnswerDocument>&& answers,
                                    std::vector<std::string>&& tags, ThreadPart part) {
    enqueue(*shards_[shard], {std::move(thread_id), std::move(answers), std::move(tags), false, false, part});
}

void ShardWriterThreads::delete_thread(std::uint32_t shard, std::string thread_id) {
    enqueue(*shards_[shard], {std::move(thread_id), {}, {}, false, true});
}

void ShardWriterThreads::add_synonym_group(std::uint32_t shard, const std::vector<std::string>& group,
                                           bool all_pairs) {
    // Through the queue like every write: only a shard's own thread touches its writer.
    enqueue(*shards_[shard], {{}, {}, group, all_pairs, false});
}

WriteCounts ShardWriterThreads::finish() {
    stop_all(true);  // writers drain their queues before they stop
    for (auto& shard : shards_)
        if (shard->error) std::rethrow_exception(shard->error);  // before any shard commits
    WriteCounts total;
    for (auto& shard : shards_) {
        naming_damage(shard->path, "", [&] { shard->writer->commit(); });
        total += shard->writer->counts();
    }
    for (auto& shard : shards_) shard->writer.reset();  // closes, releasing the locks
    return total;
}

}  // namespace qadex
