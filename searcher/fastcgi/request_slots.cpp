// A request slot per connection (see request_slots.hpp).
#include "fastcgi/request_slots.hpp"

#include <algorithm>
#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace qadex::fastcgi {

namespace {

// Closes an idle kept connection at once. FCGX_Free(slot, 1) would linger up
// to 2 s per connection (libfcgi's OS_Close waits for the peer to close
// first, for a response it may still be reading): a process holding 16 idle
// connections took 32 s to stop.
void close_idle(FCGX_Request& slot) {
    const int fd = slot.ipcFd;
    FCGX_Free(&slot, 0);
    if (fd >= 0) ::close(fd);
    slot.ipcFd = -1;
}

}  // namespace

RequestSlots::RequestSlots(int listen_fd, std::size_t max_kept) : slots_(max_kept + 1), used_at_(max_kept + 1, 0) {
    for (FCGX_Request& slot : slots_) FCGX_InitRequest(&slot, listen_fd, 0);
}

RequestSlots::~RequestSlots() {
    for (FCGX_Request& slot : slots_) close_idle(slot);
}

FCGX_Request* RequestSlots::free_slot() {
    for (FCGX_Request& slot : slots_)
        if (slot.ipcFd < 0) return &slot;
    // Every slot holds a kept connection: the idlest one is closed (the web
    // server opens another when it needs one).
    const auto idlest = std::min_element(used_at_.begin(), used_at_.end()) - used_at_.begin();
    close_idle(slots_[static_cast<std::size_t>(idlest)]);
    return &slots_[static_cast<std::size_t>(idlest)];
}

FCGX_Request* RequestSlots::next(const sigset_t& waiting, const volatile sig_atomic_t& stop) {
    std::vector<pollfd> fds;
    std::vector<FCGX_Request*> owners;  // the slot of each fds entry; nullptr for the listening socket
    while (!stop) {
        fds.assign(1, pollfd{slots_[0].listen_sock, POLLIN, 0});
        owners.assign(1, nullptr);
        for (FCGX_Request& slot : slots_)
            if (slot.ipcFd >= 0) {
                fds.push_back({slot.ipcFd, POLLIN, 0});
                owners.push_back(&slot);
            }
        if (::ppoll(fds.data(), fds.size(), nullptr, &waiting) < 0) {
            if (errno == EINTR) continue;
            return free_slot();  // let FCGX_Accept_r report it
        }
        // A kept connection's request (or its end) first: its web server is waiting.
        for (std::size_t i = 1; i < fds.size(); ++i)
            if (fds[i].revents) return owners[i];
        if (fds[0].revents) return free_slot();
    }
    return nullptr;
}

void RequestSlots::finish(FCGX_Request* slot) {
    FCGX_Finish_r(slot);
    used_at_[static_cast<std::size_t>(slot - slots_.data())] = ++clock_;
}

}  // namespace qadex::fastcgi
