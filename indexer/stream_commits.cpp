// Count- and time-driven commits (see stream_commits.hpp).
#include "stream_commits.hpp"

namespace qadex {

StreamCommits::StreamCommits(std::uint32_t batch, std::chrono::milliseconds interval, std::function<bool()> commit,
                             std::function<void(std::uint64_t)> committed)
    : batch_(batch), interval_(interval), commit_(std::move(commit)), committed_(std::move(committed)) {}

void StreamCommits::thread_put() {
    ++threads_;
    ++uncommitted_;
    commit_if_due(uncommitted_ >= batch_);
}

void StreamCommits::tick() { commit_if_due(false); }

void StreamCommits::commit_if_due(bool batch_full) {
    if (uncommitted_ == 0) return;
    const auto now = clock::now();
    if (!batch_full && now - last_commit_ < interval_) return;
    last_commit_ = now;
    uncommitted_ = 0;
    if (commit_()) committed_(threads_);
}

}  // namespace qadex
