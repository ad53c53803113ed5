// The deadline of an exchange with remote shards (see remote_deadline.hpp).
#include "engine/remote_deadline.hpp"

#include <cstdlib>
#include <dirent.h>
#include <string_view>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qadex {

std::set<SocketId> open_sockets() {
    std::set<SocketId> sockets;
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir) return sockets;
    const int own = ::dirfd(dir);
    while (const dirent* entry = ::readdir(dir)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == own) continue;
        struct stat st {};
        if (::fstat(static_cast<int>(fd), &st) == 0 && S_ISSOCK(st.st_mode))
            sockets.emplace(static_cast<int>(fd), st.st_ino);
    }
    ::closedir(dir);
    return sockets;
}

RemoteDeadline::RemoteDeadline(Clock::time_point deadline, std::set<SocketId> spared)
    : spared_(std::move(spared)), watchdog_([this, deadline] { watch(deadline); }) {}

RemoteDeadline::~RemoteDeadline() {
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    done_.notify_one();
    watchdog_.join();
}

bool RemoteDeadline::expired() const {
    std::lock_guard lock(mutex_);
    return expired_;
}

void RemoteDeadline::watch(Clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    if (done_.wait_until(lock, deadline, [this] { return finished_; })) return;
    // Still holding the lock: the exchange cannot end (and its thread close
    // or reuse a descriptor) in the destructor while these are shut down.
    expired_ = true;
    for (const SocketId& socket : open_sockets())
        if (!spared_.contains(socket)) ::shutdown(socket.first, SHUT_RDWR);
}

}  // namespace qadex
