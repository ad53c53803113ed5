// Chooses, once per run, which IndexTarget writes the run (index_target.hpp),
// from the run's options and what is already on disk.
#pragma once

#include <memory>

#include "index_options.hpp"
#include "index_target.hpp"

namespace qadex {

// Whether the run builds a new index beside options.database and swaps it
// in at the end (rebuild_writer.hpp): --rebuild, and a new sharded index
// (--shards N where there is nothing yet, or an empty directory).
bool builds_beside(const IndexOptions& options);

// Opens or creates what options.database names (for a build beside it, a
// new index at PATH.rebuild, whose stale copy the caller has removed):
//   an existing sharded index, or --shards N       ShardedIndexWriter
//   a new database, -j >= 2, nothing to delete     ParallelBuildWriter
//   otherwise                                      SingleDatabaseWriter
// and wraps it in a RebuildWriter when builds_beside(). An existing database
// is checked first (database_check.hpp). The caller holds the BuildLock.
// Throws DatabaseDamagedError before writing anything to a database that
// does not read, FatalError for a stub file or a shard count that does not
// fit, RebuildAbandonedError when a new index cannot be started, and
// whatever opening the databases throws.
std::unique_ptr<IndexTarget> open_index_target(const IndexOptions& options);

}  // namespace qadex
