// The engine of a searcher that outlives a query (qadex-search --batch, the
// interactive session, qadex.fcgi): it follows the database its path names.
// Before each query, refresh() compares the path's identity on disk
// (engine/database_identity.hpp) with the one opened:
//
//   the same                              reopen(): a stub's shards move to
//                                         their latest commits
//   committed to, replaced (qadex-index
//   --rebuild swaps in another directory,
//   rm -rf and a new index), moved away   closed; the next engine() opens
//   or deleted                            what is there now, or throws
//                                         DatabaseMissingError while nothing is
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "engine/database_identity.hpp"
#include "engine/search_engine.hpp"

namespace qadex {

class FollowingEngine {
public:
    // Without `open`, each opening reads the environment's options (as
    // SearchEngine's constructor does, throwing there when they are bad).
    // `result_cache_bytes`: SearchEngine::keep_recent_results of each engine
    // opened (a new database, a new cache).
    explicit FollowingEngine(std::string path, RankingSettings ranking = {},
                             std::optional<DatabaseOpenOptions> open = std::nullopt,
                             std::size_t result_cache_bytes = 0)
        : path_(std::move(path)), ranking_(ranking), open_(open), result_cache_bytes_(result_cache_bytes) {}

    // Before each query: follows the database on disk as above. Never
    // throws; a failure closes the engine, and the next engine() says why.
    void refresh() noexcept;
    // The engine, opened on first use (and after refresh() closed it).
    // Throws as SearchEngine's constructor does.
    SearchEngine& engine();
    // A query failed on the database: open it afresh for the next one.
    void discard() noexcept;
    const std::string& path() const { return path_; }

private:
    std::string path_;
    RankingSettings ranking_;
    std::optional<DatabaseOpenOptions> open_;
    std::size_t result_cache_bytes_ = 0;
    std::optional<SearchEngine> engine_;
    DatabaseIdentity identity_;  // of what engine_ opened
};

}  // namespace qadex
