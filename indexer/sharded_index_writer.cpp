// Routing writes to shards and the lexicon (see sharded_index_writer.hpp).
#include "sharded_index_writer.hpp"

#include <xapian.h>

#include "shard_of.hpp"

namespace qadex {

// The shards' commits are not synced (the lexicon's are): a new index is
// synced by its compaction at the end, while an update of an existing one
// survives a killed process but not a power cut.
ShardedIndexWriter::ShardedIndexWriter(const ShardedIndex& index, std::uint32_t batch_size, bool created)
    : index_(index), created_(created), lexicon_(std::in_place, index.lexicon, batch_size),
      shards_(index.shards, batch_size, false) {}

StoredHashes ShardedIndexWriter::stored_hashes() {
    // Read through a reader of each shard: the writers belong to their threads.
    StoredHashes hashes;
    for (const auto& path : index_.shards) hashes.add_from(Xapian::Database(path));
    return hashes;
}

void ShardedIndexWriter::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                                    std::vector<std::string>&& tags) {
    for (auto& answer : answers) {
        lexicon_->add_spelling(answer.spelling_words);
        answer.spelling_words.clear();  // the shards keep no spelling table
    }
    lexicon_->add_synonym_group(tags, false);
    const std::uint32_t shard = shard_of(thread_id, shards_.size());
    shards_.put_thread(shard, std::move(thread_id), std::move(answers), {});
}

void ShardedIndexWriter::delete_thread(std::string thread_id) {
    const std::uint32_t shard = shard_of(thread_id, shards_.size());
    shards_.delete_thread(shard, std::move(thread_id));
}

void ShardedIndexWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    lexicon_->add_synonym_group(group, all_pairs);
}

WriteCounts ShardedIndexWriter::finish(bool complete) {
    WriteCounts counts = shards_.finish();
    lexicon_->commit();
    lexicon_.reset();  // closed before compaction copies it
    if (created_ && complete) compact_sharded_index(index_);
    return counts;
}

}  // namespace qadex
