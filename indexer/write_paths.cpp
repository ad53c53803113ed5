// Pre-write checks of the database path (see write_paths.hpp).
#include "write_paths.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include <qadex/error.hpp>
#include <qadex/stub_file.hpp>

#include "open_index_target.hpp"
#include "owned_paths.hpp"
#include "rebuild_writer.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

// An update writes inside the database directory (Xapian's lock file, new
// blocks): one this user may not write is said to be so, before Xapian
// reports it as a lock it cannot take.
void require_writable(const std::string& db) {
    std::error_code ec;
    if (!fs::is_directory(db, ec) || ::access(db.c_str(), W_OK | X_OK) == 0) return;
    throw FatalError("cannot write to the database '" + db + "': " + std::strerror(errno));
}

}  // namespace

void prepare_write_paths(const IndexOptions& options) {
    const std::string& db = options.database;
    // A stub file is refused by open_index_target(), which says what to use instead.
    const bool stub_file = is_stub_file(db);
    // A damaged database is replaced by --rebuild; an update is refused by
    // open_index_target(), which names the damage.
    if (!(stub_file && !options.rebuild) && database_owner(db) == PathOwner::foreign)
        throw NotOursError("'" + db + "' exists and is not a qadex database; refusing to " +
                           (options.rebuild ? "replace it" : "create a database in it"));
    if (!options.rebuild) require_writable(db);
    std::string building = db;
    if (builds_beside(options)) {
        // The swap may park the old database at PATH.old (rebuild_writer.cpp).
        require_ours(db + ".old");
        building = rebuild_path(db);
        remove_leftover(building);  // a killed rebuild's: the new index starts from nothing
    }
    std::error_code ec;
    if (!fs::exists(building, ec)) {  // a parallel build's temporaries (parallel_build_writer.cpp)
        remove_leftover(building + ".shards");
        remove_leftover(building + ".merging");
    }
}

}  // namespace qadex
