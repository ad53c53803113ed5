// Standard input within a deadline (see body_input.hpp).
#include "web/body_input.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace qadex {

DeadlineInput::DeadlineInput(int fd, std::chrono::milliseconds budget)
    : fd_(fd), deadline_(std::chrono::steady_clock::now() + budget) {}

DeadlineInput::int_type DeadlineInput::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (timed_out_) return traits_type::eof();
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out_ = true;
            return traits_type::eof();
        }
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) continue;  // the loop's check ends it
        if (ready < 0) return traits_type::eof();
        const ssize_t got = ::read(fd_, buffer_, sizeof buffer_);
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (got <= 0) return traits_type::eof();  // the end, or an error: the body is short
        setg(buffer_, buffer_, buffer_ + got);
        return traits_type::to_int_type(*gptr());
    }
}

}  // namespace qadex
