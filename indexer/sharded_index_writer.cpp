// Routing writes to shards and the lexicon (see sharded_index_writer.hpp).
#include "sharded_index_writer.hpp"

#include <xapian.h>

#include <qadex/schema.hpp>

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
                                    std::vector<std::string>&& tags, ThreadPart part) {
    for (auto& answer : answers) {
        lexicon_->add_spelling(answer.spelling_words);
        answer.spelling_words.clear();  // the shards keep no spelling table
    }
    lexicon_->add_synonym_group(tags, false);
    const std::uint32_t shard = shard_of(thread_id, shards_.size());
    shards_.put_thread(shard, std::move(thread_id), std::move(answers), {}, part);
}

std::optional<std::string> ShardedIndexWriter::thread_holding(const std::string& answer_id) {
    if (created_) return std::nullopt;  // a new index holds only what this run wrote
    // Through readers: the writers belong to their threads. A reader falls
    // behind their commits (glass then reports the blocks they reused as
    // modified, or as corrupt); opened again, it sees them (either view will do).
    const std::string term = schema::id_term(schema::prefix::answer_id, answer_id);
    for (int attempt = 0;; ++attempt) {
        try {
            if (!stored_) {
                stored_.emplace();
                for (const auto& path : index_.shards) stored_->add_database(Xapian::Database(path));
            }
            auto it = stored_->postlist_begin(term);
            if (it == stored_->postlist_end(term)) return std::nullopt;
            return stored_->get_document(*it).get_value(schema::slot::thread_id);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == 3) throw;
        } catch (const Xapian::DatabaseCorruptError&) {
            if (attempt == 3) throw;
        }
        stored_.reset();  // opened afresh
    }
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
