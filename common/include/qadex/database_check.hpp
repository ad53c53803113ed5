// A damaged database (bytes flipped or lost in one of its files) found and
// named before anything is written to it, and wherever it shows later.
// Xapian's glass tables hold no checksums: damage shows only when a block
// is read. check_database_readable() reads the blocks every table's first
// and last entries live in, which costs about a millisecond whatever the
// size; `xapian-check PATH` reads every block (0.6 s at 18k answers,
// bench/RESULTS.md "Issue 21: damaged databases").
#pragma once

#include <string>

#include <xapian.h>

#include <qadex/error.hpp>

namespace qadex {

// The database fails to read: exit_code::damaged_database. what() is one
// sentence naming the database (and its file when known), e.g.
//   'PATH' is damaged (postlist.glass: dir_end invalid in block 7); nothing was written to it
// `consequence` (what became of the run's writes) is optional.
class DatabaseDamagedError : public FatalError {
public:
    DatabaseDamagedError(std::string path, std::string detail, std::string consequence = "");
    const std::string& path() const noexcept { return path_; }
    const std::string& detail() const noexcept { return detail_; }
    const std::string& consequence() const noexcept { return consequence_; }

private:
    std::string path_, detail_, consequence_;
};

// Whether a Xapian error means that the files are damaged (a block that
// does not parse, a table shorter than its root says, a table file gone)
// rather than locked, modified by a writer, of another version or out of
// disk space.
bool is_damage(const Xapian::Error& e);

// Opens the database at `path` (a single database directory) read-only and
// reads the first and last entry of every table (terms, metadata, value
// statistics, the first and last document's length, terms, positions and
// data, spelling, synonyms), and checks that every document has a thread id
// (value 0) as every qadex answer does. Throws DatabaseDamagedError naming
// the table that failed; any other Xapian error as it is.
void check_database_readable(const std::string& path);

// The same checks on an open database (its name for messages: `path`).
void check_database_readable(const Xapian::Database& db, const std::string& path);

// Runs f(); a Xapian error that is_damage() becomes DatabaseDamagedError
// naming `path`, with `consequence` (may be empty).
template <typename F>
decltype(auto) naming_damage(const std::string& path, const char* consequence, F&& f) {
    try {
        return f();
    } catch (const Xapian::Error& e) {
        if (!is_damage(e)) throw;
        throw DatabaseDamagedError(path, e.get_msg(), consequence);
    }
}

}  // namespace qadex
