// The IndexTarget for a sharded index (--shards N, sharded_index.hpp): each
// thread's answers go to the shard its id hashes to (shard_of.hpp), spelling
// words and synonyms to the lexicon. Updates and deletions find a thread
// again by the same hash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index_target.hpp"
#include "index_writer.hpp"
#include "shard_writer_threads.hpp"
#include "sharded_index.hpp"

namespace qadex {

class ShardedIndexWriter final : public IndexTarget {
public:
    // `created`: this run made the index (create_sharded_index), so a
    // complete run compacts it at the end.
    ShardedIndexWriter(const ShardedIndex& index, std::uint32_t batch_size, bool created);

    StoredHashes stored_hashes() override;
    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& tags, ThreadPart part) override;
    std::optional<std::string> thread_holding(const std::string& answer_id) override;
    void delete_thread(std::string thread_id) override;
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs) override;
    // The counts are the shards' (the lexicon holds no answers).
    WriteCounts finish(bool complete) override;

private:
    ShardedIndex index_;
    bool created_;
    std::optional<IndexWriter> lexicon_;  // written by the caller's thread only
    ShardWriterThreads shards_;           // one writer thread per shard
    std::optional<Xapian::Database> stored_;  // every shard as it was (thread_holding)
};

}  // namespace qadex
