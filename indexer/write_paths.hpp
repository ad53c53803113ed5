// The checks a run makes, holding the build lock, before it writes anything:
// the database path and the indexer's temporaries beside it must be absent
// or qadex-index's own (owned_paths.hpp).
#pragma once

#include "index_options.hpp"

namespace qadex {

// Throws NotOursError when options.database exists and is not a qadex
// database, or when a temporary the run would delete or overwrite
// (PATH.rebuild, PATH.old, PATH[.rebuild].shards, PATH[.rebuild].merging)
// holds anything else; nothing has been changed then. Removes what a killed
// run left of those temporaries, so that a new build starts from nothing.
// Throws FatalError (a permission, not a lock) when the database directory
// to update may not be written by this user.
void prepare_write_paths(const IndexOptions& options);

}  // namespace qadex
