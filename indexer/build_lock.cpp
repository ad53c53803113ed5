// flock() on a file beside the database (see build_lock.hpp).
#include "build_lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

#include "index_writer.hpp"  // DatabaseLockedError

namespace qadex {

namespace fs = std::filesystem;

BuildLock::BuildLock(const std::string& database) {
    fs::path path(database + ".lock");
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw FatalError("cannot create lock file '" + path.string() + "': " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        throw DatabaseLockedError("'" + database + "' is locked by another writer (another qadex-index is running)");
    }
}

BuildLock::~BuildLock() { ::close(fd_); }

}  // namespace qadex
