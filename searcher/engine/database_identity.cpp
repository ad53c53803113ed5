// A database's identity on disk (see database_identity.hpp).
#include "engine/database_identity.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace qadex {

namespace {

// What Xapian finds in a database directory: a backend's version file, or
// the stub file of a stub directory (a sharded qadex index).
constexpr const char* version_files[] = {"iamglass", "iamhoney", "iamchert", "XAPIANDB"};

bool same_time(const timespec& a, const timespec& b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }

}  // namespace

DatabaseIdentity::~DatabaseIdentity() { close_all(); }

DatabaseIdentity::DatabaseIdentity(DatabaseIdentity&& other) noexcept
    : path_(std::exchange(other.path_, {})), version_(std::exchange(other.version_, {})),
      version_name_(std::exchange(other.version_name_, nullptr)) {}

DatabaseIdentity& DatabaseIdentity::operator=(DatabaseIdentity&& other) noexcept {
    if (this != &other) {
        close_all();
        path_ = std::exchange(other.path_, {});
        version_ = std::exchange(other.version_, {});
        version_name_ = std::exchange(other.version_name_, nullptr);
    }
    return *this;
}

void DatabaseIdentity::close_all() noexcept {
    if (path_.fd >= 0) ::close(path_.fd);
    if (version_.fd >= 0) ::close(version_.fd);
    path_ = {};
    version_ = {};
    version_name_ = nullptr;
}

DatabaseIdentity::Pinned DatabaseIdentity::pin(int fd) {
    Pinned p;
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        if (fd >= 0) ::close(fd);
        return p;
    }
    p.fd = fd;
    p.device = st.st_dev;
    p.inode = st.st_ino;
    p.is_file = S_ISREG(st.st_mode);
    p.size = st.st_size;
    p.modified = st.st_mtim;
    return p;
}

DatabaseIdentity DatabaseIdentity::of(const std::string& path) {
    DatabaseIdentity id;
    // O_PATH: no read permission needed (Xapian needs none on the directory
    // itself), and the inode stays pinned as long as the descriptor is open.
    id.path_ = pin(::open(path.c_str(), O_PATH | O_CLOEXEC));
    if (id.path_.fd < 0 || id.path_.is_file) return id;
    // The version file of the directory just pinned, whatever the path names by now.
    for (const char* name : version_files) {
        Pinned v = pin(::openat(id.path_.fd, name, O_PATH | O_CLOEXEC));
        if (v.fd < 0) continue;
        id.version_ = v;
        id.version_name_ = name;
        break;
    }
    return id;
}

bool DatabaseIdentity::same(const Pinned& pinned, const std::string& path) {
    struct stat now {};
    if (::stat(path.c_str(), &now) != 0) return false;
    if (now.st_dev != pinned.device || now.st_ino != pinned.inode) return false;
    return !pinned.is_file || (now.st_size == pinned.size && same_time(now.st_mtim, pinned.modified));
}

bool DatabaseIdentity::is_current(const std::string& path) const {
    if (path_.fd < 0 || !same(path_, path)) return false;
    if (!version_name_) return true;  // a file, or a directory without a version file
    return same(version_, path + "/" + version_name_);
}

}  // namespace qadex
