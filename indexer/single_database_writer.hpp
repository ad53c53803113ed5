// The IndexTarget for one database updated in place (or built by one
// writer): every write goes through its IndexWriter, durable at each commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "index_target.hpp"
#include "index_writer.hpp"

namespace qadex {

class SingleDatabaseWriter final : public IndexTarget {
public:
    // Opens (creating if needed) the database at `path`.
    SingleDatabaseWriter(const std::string& path, std::uint32_t batch_size);

    StoredHashes stored_hashes() override;
    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& tags, ThreadPart part) override;
    std::optional<std::string> thread_holding(const std::string& answer_id) override;
    void delete_thread(std::string thread_id) override;
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs) override;
    bool commit() override;
    WriteCounts finish(bool complete) override;

private:
    std::optional<IndexWriter> writer_;  // reset by finish(): closing releases the lock
    bool was_empty_ = true;              // no answer before the run: thread_holding() has nothing to find
};

}  // namespace qadex
