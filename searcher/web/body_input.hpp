// A CGI request's body as the web server hands it over (standard input),
// read within a deadline of its own: a client that sends its headers and then
// stalls gets a 408 Request Timeout, not the search's 503 "took too long",
// and the process is not held until the whole request's deadline.
#pragma once

#include <chrono>
#include <streambuf>

namespace qadex {

// Well inside the CGI's 10 s deadline for the whole request (web/cgi.cpp), so
// that the body's timeout always comes first; a form of at most 64 KiB that
// has not arrived in 5 s is not coming.
inline constexpr std::chrono::milliseconds cgi_body_deadline{5000};

// Reads `fd` until `budget` (counted from construction) runs out, then reads
// as the end of the input and says timed_out(); read_form() (web/form.hpp)
// answers that with a 408. A signal does not end a read early.
class DeadlineInput : public std::streambuf {
public:
    DeadlineInput(int fd, std::chrono::milliseconds budget);
    bool timed_out() const { return timed_out_; }

protected:
    int_type underflow() override;

private:
    int fd_;
    std::chrono::steady_clock::time_point deadline_;
    bool timed_out_ = false;
    char buffer_[4096];
};

}  // namespace qadex
