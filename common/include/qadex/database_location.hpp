// Where the index lives when --db is not given, and the schema checks every
// program makes when opening it.
#pragma once

#include <string>

#include <xapian.h>

#include <qadex/error.hpp>

namespace qadex {

// $QADEX_DB if set, else $XDG_DATA_HOME/qadex/index, else
// ~/.local/share/qadex/index (the XDG base directory default).
std::string default_database_path();

// The database is missing or not readable: exit_code::no_database.
class DatabaseMissingError : public FatalError {
public:
    using FatalError::FatalError;
};

// The database holds another schema version, or is not a qadex database:
// exit_code::wrong_schema.
class SchemaMismatchError : public FatalError {
public:
    using FatalError::FatalError;
};

// Throws SchemaMismatchError when `db` was written with another schema.
// An empty database without a version is accepted (nothing to misread).
void check_schema(const Xapian::Database& db, const std::string& path);

}  // namespace qadex
