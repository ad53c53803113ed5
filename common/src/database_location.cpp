// Default database path and schema check (see database_location.hpp).
#include <qadex/database_location.hpp>

#include <cstdlib>

#include <qadex/schema.hpp>

namespace qadex {

std::string default_database_path() {
    if (const char* db = std::getenv("QADEX_DB"); db && *db) return db;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return std::string(data) + "/qadex/index";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/qadex/index";
    return "qadex-index.db";
}

void check_schema(const Xapian::Database& db, const std::string& path) {
    std::string stored = db.get_metadata(schema::metadata::schema_version);
    std::string expected = std::to_string(schema::version);
    if (stored == expected) return;
    if (stored.empty()) {
        if (db.get_doccount() == 0) return;
        throw SchemaMismatchError("'" + path + "' is a Xapian database but not a qadex index (no schema version); "
                                  "index into a new path instead");
    }
    throw SchemaMismatchError("'" + path + "' has index schema version " + stored + " but this qadex uses version " +
                              expected + "; rebuild it: qadex-index --rebuild --db '" + path + "' INPUT...");
}

}  // namespace qadex
