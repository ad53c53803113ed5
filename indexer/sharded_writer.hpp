// Writes to a sharded index (sharded_index.hpp): each thread's answers to
// the shard its id hashes to, spelling words and synonyms to the lexicon.
// Updates and deletions find a thread again by the same hash.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "document_builder.hpp"
#include "index_writer.hpp"
#include "shard_set.hpp"
#include "sharded_index.hpp"

namespace qadex {

class ShardedWriter {
public:
    ShardedWriter(const ShardedIndex& index, std::uint32_t batch_size);

    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    const std::vector<std::string>& synonym_group);
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs);
    void delete_thread(std::string thread_id);

    // Commits every shard and the lexicon; the summed counts of the shards.
    WriteCounts finish();

private:
    IndexWriter lexicon_;  // written by the caller's thread only
    ShardSet shards_;      // one writer thread per shard
};

}  // namespace qadex
