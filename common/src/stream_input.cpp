// Reading a pipe as it arrives (see stream_input.hpp).
#include "stream_input.hpp"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <unistd.h>

namespace qadex {

StreamInput::StreamInput(int fd) : fd_(fd) {}

StreamInput::~StreamInput() {
    if (z_ready_) inflateEnd(&z_);
    ::close(fd_);
}

bool StreamInput::wait_readable(std::optional<clock::time_point> deadline) {
    int timeout_ms = -1;
    if (deadline) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - clock::now()).count();
        timeout_ms = static_cast<int>(std::max<long long>(0, std::min<long long>(left, 1 << 30)));
    }
    pollfd p{fd_, POLLIN, 0};
    int n = ::poll(&p, 1, timeout_ms);
    if (n < 0 && errno != EINTR) throw Error(std::string("read error: ") + std::strerror(errno));
    return n > 0;  // readable, at its end, or in error: read() says which
}

bool StreamInput::decode(std::string& out) {
    if (pending_.empty()) return false;
    if (mode_ == Mode::plain) {
        out += pending_;
        pending_.clear();
        return true;
    }
    if (!z_ready_) {
        if (inflateInit2(&z_, 15 + 16) != Z_OK) throw Error("cannot decompress: out of memory");
        z_ready_ = true;
    }
    const std::size_t before = out.size();
    std::size_t used = 0;
    for (;;) {
        char chunk[1 << 16];
        z_.next_in = reinterpret_cast<Bytef*>(pending_.data() + used);
        z_.avail_in = static_cast<uInt>(pending_.size() - used);
        z_.next_out = reinterpret_cast<Bytef*>(chunk);
        z_.avail_out = sizeof chunk;
        in_member_ = true;
        const int rc = inflate(&z_, Z_NO_FLUSH);
        used = pending_.size() - z_.avail_in;
        out.append(chunk, sizeof chunk - z_.avail_out);
        if (rc == Z_STREAM_END) {
            in_member_ = false;  // another gzip member may follow, as gzread allows
            inflateReset(&z_);
            if (used == pending_.size()) break;
        } else if (rc == Z_BUF_ERROR) {
            break;  // nothing more to do until more input arrives
        } else if (rc != Z_OK) {
            throw Error(std::string("corrupt compressed data: ") + (z_.msg ? z_.msg : "inflate failed"));
        } else if (z_.avail_out != 0 && used == pending_.size()) {
            break;  // all input taken, and zlib holds no more output (the chunk was not filled)
        }
    }
    pending_.erase(0, used);
    return out.size() > before;
}

StreamInput::Result StreamInput::read(std::string& out, std::optional<clock::time_point> deadline) {
    for (;;) {
        if (mode_ != Mode::unknown && decode(out)) return Result::data;
        if (at_end_) {
            if (mode_ == Mode::gzip && (in_member_ || !pending_.empty()))
                throw Error("truncated compressed data: unexpected end of file");
            if (mode_ == Mode::unknown && !pending_.empty()) {  // one byte, then the end
                out += pending_;
                pending_.clear();
                mode_ = Mode::plain;
                return Result::data;
            }
            return Result::end;
        }
        if (!wait_readable(deadline)) return Result::waiting;
        char chunk[1 << 16];
        const ssize_t n = ::read(fd_, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            throw Error(std::string("read error: ") + std::strerror(errno));
        }
        if (n == 0) at_end_ = true;
        pending_.append(chunk, static_cast<std::size_t>(n));
        raw_bytes_ += static_cast<std::uint64_t>(n);
        if (mode_ == Mode::unknown && pending_.size() >= 2)
            mode_ = pending_.starts_with("\x1f\x8b") ? Mode::gzip : Mode::plain;
    }
}

}  // namespace qadex
