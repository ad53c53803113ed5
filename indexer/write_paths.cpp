// Pre-write checks of the database path (see write_paths.hpp).
#include "write_paths.hpp"

#include <filesystem>

#include <qadex/stub_file.hpp>

#include "owned_paths.hpp"
#include "rebuild_writer.hpp"

namespace qadex {

namespace fs = std::filesystem;

void prepare_write_paths(const IndexOptions& options) {
    const std::string& db = options.database;
    std::error_code ec;
    // A stub file is refused by open_index_target(), which says what to use instead.
    const bool stub_file = fs::is_regular_file(db, ec) && !stub_file_of(db).empty();
    if (!(stub_file && !options.rebuild) && database_owner(db) == PathOwner::foreign)
        throw NotOursError("'" + db + "' exists and is not a qadex database; refusing to " +
                           (options.rebuild ? "replace it" : "create a database in it"));
    std::string building = db;
    if (options.rebuild) {
        // The swap may park the old database at PATH.old (rebuild_writer.cpp).
        require_ours(db + ".old");
        building = rebuild_path(db);
        remove_leftover(building);  // a killed rebuild's: the new index starts from nothing
    }
    if (!fs::exists(building, ec)) {  // a parallel build's temporaries (parallel_build_writer.cpp)
        remove_leftover(building + ".shards");
        remove_leftover(building + ".merging");
    }
}

}  // namespace qadex
