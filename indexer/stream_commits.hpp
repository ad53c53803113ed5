// Commits of piped input: a pipe may pause for any time, so what it sent is
// committed every `batch` threads and, while threads wait uncommitted, at
// least every `interval`, not only when a batch of documents is full.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace qadex {

class StreamCommits {
public:
    using clock = std::chrono::steady_clock;

    // `commit` commits every thread put so far and returns whether it
    // could (IndexTarget::commit); `committed` is told the run's thread
    // count after each commit that did.
    StreamCommits(std::uint32_t batch, std::chrono::milliseconds interval, std::function<bool()> commit,
                  std::function<void(std::uint64_t)> committed);

    void thread_put();  // after each thread stored
    void tick();        // now and then while the input is idle

private:
    void commit_if_due(bool batch_full);

    std::uint32_t batch_;
    std::chrono::milliseconds interval_;
    std::function<bool()> commit_;
    std::function<void(std::uint64_t)> committed_;
    std::uint64_t threads_ = 0, uncommitted_ = 0;
    clock::time_point last_commit_ = clock::now();
};

}  // namespace qadex
