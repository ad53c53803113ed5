// Routing writes to shards and the lexicon (see sharded_writer.hpp).
#include "sharded_writer.hpp"

namespace qadex {

ShardedWriter::ShardedWriter(const ShardedIndex& index, std::uint32_t batch_size)
    : lexicon_(index.lexicon, batch_size), shards_(index.shards, batch_size) {}

void ShardedWriter::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                               const std::vector<std::string>& synonym_group) {
    for (auto& answer : answers) {
        lexicon_.add_spelling(answer.spelling_words);
        answer.spelling_words.clear();  // the shards keep no spelling table
    }
    lexicon_.add_synonym_group(synonym_group, false);
    shards_.put_thread(std::move(thread_id), std::move(answers), {});
}

void ShardedWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    lexicon_.add_synonym_group(group, all_pairs);
}

void ShardedWriter::delete_thread(std::string thread_id) { shards_.delete_thread(std::move(thread_id)); }

WriteCounts ShardedWriter::finish() {
    WriteCounts counts = shards_.finish();
    lexicon_.commit();
    return counts;
}

}  // namespace qadex
