// One deadline for a whole exchange with remote shards (connecting, a
// search, a reopen). Xapian's remote timeout bounds each message, and a
// search is dozens of them (the match, then each result's document, terms
// and counts): a server that answers every message just in time made
// `--timeout 1` take 14 s. A watchdog thread waits for the deadline and then
// shuts down the exchange's sockets (shutdown(2), so that no descriptor is
// closed under Xapian's feet): the blocked read ends at once, Xapian throws
// NetworkError, and expired() tells that it was the deadline.
//
// Which sockets: those open when the deadline fires that are not `spared`,
// the sockets that were open before the exchange and do not belong to the
// remote shards (a FastCGI server's connection, its listening socket). The
// programs are single-threaded, so every other socket is a shard's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <sys/types.h>

namespace qadex {

// A socket of this process: its descriptor and its inode (descriptors are reused, inodes not while open).
using SocketId = std::pair<int, ino_t>;

// The sockets this process has open now (from /proc/self/fd).
std::set<SocketId> open_sockets();

class RemoteDeadline {
public:
    using Clock = std::chrono::steady_clock;
    RemoteDeadline(Clock::time_point deadline, std::set<SocketId> spared);
    ~RemoteDeadline();  // stops the watchdog: no socket is touched after it returns
    RemoteDeadline(const RemoteDeadline&) = delete;
    RemoteDeadline& operator=(const RemoteDeadline&) = delete;

    // The deadline passed and the exchange's sockets were shut down.
    bool expired() const;

private:
    void watch(Clock::time_point deadline);

    std::set<SocketId> spared_;
    mutable std::mutex mutex_;
    std::condition_variable done_;
    bool finished_ = false;
    bool expired_ = false;
    std::thread watchdog_;  // last: started once the rest is ready
};

}  // namespace qadex
