// Which database a path names on disk, to tell when it has been replaced.
// Xapian's revision cannot say it: a --rebuild swaps in another directory
// at the same path, `rm -rf` and a new index make a new one, and `mv` takes
// it away, while an open Xapian::Database goes on reading the old files (and
// reopen() would read the new version file against the old tables).
//
// The identity is the device and inode of the path (a database directory, a
// stub directory, a stub file or a single-file database) and, in a
// directory, of its version file (iamglass; XAPIANDB in a stub directory),
// which glass replaces (a new inode) at every commit. Both are held open, so
// that neither inode can be reused by a later database while it is compared
// against. A file also compares its size and modification time: a stub
// edited in place keeps its inode.
#pragma once

#include <ctime>
#include <string>
#include <sys/types.h>

namespace qadex {

class DatabaseIdentity {
public:
    DatabaseIdentity() = default;  // names nothing: never current
    ~DatabaseIdentity();
    DatabaseIdentity(DatabaseIdentity&& other) noexcept;
    DatabaseIdentity& operator=(DatabaseIdentity&& other) noexcept;
    DatabaseIdentity(const DatabaseIdentity&) = delete;
    DatabaseIdentity& operator=(const DatabaseIdentity&) = delete;

    // What `path` names now (nothing when it is missing). Take it before
    // opening the database: a change in between is then seen by the next
    // is_current(), which costs at most one needless opening.
    static DatabaseIdentity of(const std::string& path);

    // `path` still names the same database, at the same commit for a local
    // one: two stat() calls. False once it was deleted, moved, replaced or
    // committed to.
    bool is_current(const std::string& path) const;

private:
    struct Pinned {
        int fd = -1;
        dev_t device = 0;
        ino_t inode = 0;
        off_t size = 0;
        timespec modified{};
        bool is_file = false;
    };
    static Pinned pin(int fd);
    static bool same(const Pinned& pinned, const std::string& path);
    void close_all() noexcept;

    Pinned path_;     // the directory or file at the path
    Pinned version_;  // in a directory: its version file (fd -1 when it has none)
    const char* version_name_ = nullptr;  // "iamglass", ..., "XAPIANDB"; null when none
};

}  // namespace qadex
