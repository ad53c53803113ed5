// The live progress line of qadex-index on a terminal (stderr), and the
// number formatting its summary shares.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace qadex {

class ProgressLine {
public:
    // `enabled` is false when stderr is not a terminal or --quiet was given;
    // `total_bytes` is 0 when the input size is unknown (stdin).
    ProgressLine(std::ostream& out, bool enabled, std::uint64_t total_bytes);

    // Redraws at most a few times a second.
    void update(std::uint64_t documents, std::uint64_t bytes_done);
    // Erases the line so the summary starts on a clean one.
    void finish();

private:
    std::ostream& out_;
    bool enabled_;
    bool drawn_ = false;
    std::uint64_t total_bytes_;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

// "12,345"
std::string with_thousands(std::uint64_t n);

}  // namespace qadex
