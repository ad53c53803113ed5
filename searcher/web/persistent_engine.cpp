// Following the database between requests (see persistent_engine.hpp).
#include "web/persistent_engine.hpp"

#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

namespace qadex {

PersistentEngine::~PersistentEngine() { discard(); }

void PersistentEngine::discard() {
    engine_.reset();
    if (pinned_fd_ >= 0) ::close(pinned_fd_);
    pinned_fd_ = -1;
}

void PersistentEngine::refresh() {
    if (!engine_) return;  // opened on the next use
    struct stat now {};
    if (::stat(path_.c_str(), &now) != 0 || now.st_dev != device_ || now.st_ino != inode_) {
        discard();  // deleted, or another database swapped in: reading it through the old one's files would mix the two
        return;
    }
    try {
        engine_->reopen();
    } catch (const Xapian::Error& e) {
        std::cerr << "qadex.fcgi: reopening the database: " << e.get_description() << '\n';
        discard();
    }
}

SearchEngine& PersistentEngine::engine() {
    if (engine_) return *engine_;
    if (path_.empty()) throw_database_not_configured();
    // Pin first, then open: if a swap happens in between, the next refresh()
    // sees the pinned inode differ from the path's and opens again.
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat pinned {};
    if (fd >= 0 && ::fstat(fd, &pinned) != 0) {
        ::close(fd);
        pinned = {};
    }
    try {
        engine_.emplace(path_);  // throws DatabaseMissingError when there is nothing there
    } catch (...) {
        if (fd >= 0) ::close(fd);
        throw;
    }
    engine_->keep_recent_results(result_cache_bytes_);
    pinned_fd_ = fd;
    device_ = pinned.st_dev;
    inode_ = pinned.st_ino;
    return *engine_;
}

}  // namespace qadex
