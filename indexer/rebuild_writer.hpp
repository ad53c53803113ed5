// A new index written beside the database, at PATH.rebuild, by any other
// IndexTarget, and swapped in only when complete, so that searchers keep the
// old index (or find none) until the new one is whole: --rebuild, and a new
// sharded index (--shards N), whose parts would otherwise be searched while
// half written. A build that fails (a full disk) is removed, and the database
// is as it was.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <qadex/error.hpp>

#include "index_target.hpp"

namespace qadex {

// Where the new index of `database` is built.
std::string rebuild_path(const std::string& database);

// The build beside the database failed and was removed; what() says why and
// that the database is unchanged: "rebuild abandoned: no space left on
// device; 'PATH' is unchanged". exit_code::failure.
class RebuildAbandonedError : public FatalError {
public:
    using FatalError::FatalError;
};

class RebuildWriter final : public IndexTarget {
public:
    enum class Purpose {
        replace,  // --rebuild: an interrupted build is abandoned, the old database kept
        create,   // a new index: an interrupted build is swapped in with the threads it finished
    };

    // `open_building` opens the target that writes at the path it is given
    // (rebuild_path(database)). Throws RebuildAbandonedError when it fails.
    RebuildWriter(std::string database, Purpose purpose,
                  const std::function<std::unique_ptr<IndexTarget>(const std::string&)>& open_building);
    ~RebuildWriter() override;  // without finish(): the new index is removed

    const IndexTarget& building() const { return *building_; }
    Purpose purpose() const { return purpose_; }

    // Each throws RebuildAbandonedError, having removed the new index, when
    // the target building it fails.
    StoredHashes stored_hashes() override;
    void put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                    std::vector<std::string>&& tags, ThreadPart part) override;
    void delete_thread(std::string thread_id) override;
    void add_synonym_group(const std::vector<std::string>& group, bool all_pairs) override;
    // Swaps the new index in when `complete` (or, to create, interrupted).
    // An interrupted rebuild is removed and returns no counts: nothing changed.
    WriteCounts finish(bool complete) override;

private:
    [[noreturn]] void abandon_after_failure();
    void remove_building();
    std::string database_;
    Purpose purpose_;
    std::unique_ptr<IndexTarget> building_;
};

}  // namespace qadex
