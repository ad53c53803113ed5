// Chooses, once per run, which IndexTarget writes the run (index_target.hpp),
// from the run's options and what is already on disk.
#pragma once

#include <memory>

#include "index_options.hpp"
#include "index_target.hpp"

namespace qadex {

// Opens or creates what options.database names (for --rebuild, a new index
// beside it, whose stale copy the caller has removed):
//   an existing sharded index, or --shards N       ShardedIndexWriter
//   a new database, -j >= 2, nothing to delete     ParallelBuildWriter
//   otherwise                                      SingleDatabaseWriter
// and wraps it in a RebuildWriter for --rebuild. The caller holds the
// BuildLock. Throws FatalError for a stub file or a shard count that does
// not fit, and whatever opening the databases throws.
std::unique_ptr<IndexTarget> open_index_target(const IndexOptions& options);

}  // namespace qadex
