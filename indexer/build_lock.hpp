// Excludes other qadex-index runs on the same database for a whole run,
// including a parallel build or a rebuild, where the database itself is not
// open yet (Xapian's own lock covers only an open database).
#pragma once

#include <string>

namespace qadex {

class BuildLock {
public:
    // Locks DATABASE.lock (created beside the database); throws
    // DatabaseLockedError when another run holds it, FatalError when it
    // cannot be created. The kernel releases it if the process dies.
    explicit BuildLock(const std::string& database);
    ~BuildLock();
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace qadex
