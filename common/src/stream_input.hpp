// Standard input when it is a pipe, socket or terminal: bytes are handed on
// as they arrive. zlib's gzread() waits until its whole buffer is full, so a
// slow producer's lines would sit unread (and uncommitted) for minutes.
// Plain or gzip (detected by its magic bytes, as gzread does).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <zlib.h>

namespace qadex {

class StreamInput {
public:
    using clock = std::chrono::steady_clock;
    enum class Result { data, end, waiting };

    // Thrown for a read error or bad gzip data; what() is the reason.
    class Error : public std::runtime_error {
    public:
        using std::runtime_error::runtime_error;
    };

    explicit StreamInput(int fd);  // takes ownership of fd
    ~StreamInput();
    StreamInput(const StreamInput&) = delete;
    StreamInput& operator=(const StreamInput&) = delete;

    // Appends at least one decoded byte to `out` (data), or reports the end
    // of the input, or that nothing came before `deadline` (none: wait as
    // long as it takes; a signal also ends the wait, as `waiting`).
    Result read(std::string& out, std::optional<clock::time_point> deadline);

    std::uint64_t bytes_read() const { return raw_bytes_; }  // before decompression

private:
    enum class Mode { unknown, plain, gzip };
    bool decode(std::string& out);  // true when something was appended
    bool wait_readable(std::optional<clock::time_point> deadline);

    int fd_;
    Mode mode_ = Mode::unknown;
    std::string pending_;  // raw bytes not yet decoded
    bool at_end_ = false;
    std::uint64_t raw_bytes_ = 0;
    z_stream z_{};
    bool z_ready_ = false, in_member_ = false;
};

}  // namespace qadex
