// --rebuild: the new index is written beside the database, at PATH.rebuild,
// by any other IndexTarget, and swapped in only when complete, so searchers
// keep the old index until the new one is whole.
#pragma once

#include <memory>
#include <string>

#include "index_target.hpp"

namespace qadex {

// Where the new index of `database` is built.
std::string rebuild_path(const std::string& database);

class RebuildWriter final : public IndexTarget {
public:
    // `building` writes to rebuild_path(database).
    RebuildWriter(std::string database, std::unique_ptr<IndexTarget> building);

    const IndexTarget& building() const { return *building_; }

    StoredHashes stored_hashes() override;
    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& tags, ThreadPart part) override;
    void delete_thread(std::string thread_id) override;
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs) override;
    // Swaps the new index in when `complete`; an interrupted one stays at PATH.rebuild.
    WriteCounts finish(bool complete) override;

private:
    std::string database_;
    std::unique_ptr<IndexTarget> building_;
};

}  // namespace qadex
