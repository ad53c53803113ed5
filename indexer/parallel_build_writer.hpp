// The IndexTarget for a new database (-j N, N >= 2): Xapian allows one
// writer per database, so the build writes N temporary shards at once in
// PATH.shards/ (a writer thread each) and merges them into PATH with
// Xapian's compaction at the end. PATH appears complete or not at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index_target.hpp"
#include "shard_writer_threads.hpp"

namespace qadex {

class ParallelBuildWriter final : public IndexTarget {
public:
    // `path` must not exist; `shard_count` >= 1. Throws DatabaseLockedError,
    // Xapian::Error or std::filesystem::filesystem_error.
    ParallelBuildWriter(const std::string& path, unsigned shard_count, std::uint32_t batch_size);
    ~ParallelBuildWriter() override;  // removes the temporary shards

    StoredHashes stored_hashes() override;
    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& tags, ThreadPart part) override;
    void delete_thread(std::string thread_id) override;
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs) override;
    // Merges even an interrupted build: the threads it finished are whole.
    WriteCounts finish(bool complete) override;

private:
    void remove_temporary_files();
    std::string path_, shard_dir_;
    std::vector<std::string> shard_paths_;
    std::optional<ShardWriterThreads> writers_;  // stopped before their files are removed
};

}  // namespace qadex
