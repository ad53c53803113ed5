// The writer's side of skipping unchanged threads. The analysis workers
// compared each thread with the hashes stored before the run; a thread that
// this run has already rewritten (an input holding two versions of it) makes
// that comparison stale, so the final say is here, in input order, where the
// later version wins as it always has.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "stored_hashes.hpp"

namespace qadex {

class ChangeFilter {
public:
    // Empty `stored` (a new database, --force): nothing is ever unchanged.
    explicit ChangeFilter(StoredHashes stored) : stored_(std::move(stored)) {}

    const StoredHashes& stored() const { return stored_; }

    // Whether the database holds this version of the thread (by thread_key()) now.
    bool unchanged(std::uint64_t thread_key, std::uint64_t hash) const;

    // Records that the run is writing this version of the thread.
    void written(std::uint64_t thread_key, std::uint64_t hash);

private:
    StoredHashes stored_;
    // Stored threads rewritten in this run (key -> hash): only those can make
    // `stored_` stale, so a first run or a --force run keeps nothing here.
    std::unordered_map<std::uint64_t, std::uint64_t> rewritten_;
};

}  // namespace qadex
