// Whether a path the indexer would create, replace or delete holds anything
// but its own work: the operator's files are never replaced or removed.
#pragma once

#include <filesystem>
#include <string>

#include <qadex/database_location.hpp>

namespace qadex {

// The path holds something qadex-index did not write: exit_code::wrong_schema
// (like a Xapian database that is not a qadex index). Nothing was changed.
class NotOursError : public SchemaMismatchError {
public:
    using SchemaMismatchError::SchemaMismatchError;
};

enum class PathOwner { absent, ours, damaged, foreign };

// PATH as a database: ours when it is an empty directory, a qadex database
// (a Xapian database stamped with a qadex schema version, whichever, or one
// with no documents and no metadata) or a sharded index whose stub lists only
// such databases beside it; damaged when it holds only Xapian's files (or
// parts of a sharded index) and one does not read (database_check.hpp):
// --rebuild replaces it, an update refuses it; foreign otherwise (any other
// file or directory).
PathOwner database_owner(const std::filesystem::path& path);

// One of the indexer's temporaries (PATH.rebuild, PATH.shards, PATH.merging,
// PATH.old): ours as for database_owner(), or when a killed run left it half
// written (a directory holding only Xapian's files, or only such directories).
PathOwner temporary_owner(const std::filesystem::path& path);

// Throws NotOursError naming `path` when temporary_owner() says foreign.
void require_ours(const std::filesystem::path& path);

// Removes a leftover temporary if it is ours; throws NotOursError naming it
// (and leaves it alone) if it is not.
void remove_leftover(const std::filesystem::path& path);

}  // namespace qadex
