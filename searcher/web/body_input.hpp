// A CGI request's body as the web server hands it over (standard input),
// read within a deadline of its own: a client that sends its headers and then
// stalls gets a 408 Request Timeout, not the search's 503 "took too long",
// and the process is not held until the whole request's deadline.
#pragma once

#include <chrono>
#include <sstream>
#include <streambuf>
#include <string>

namespace qadex {

// A request body that can run out of time before it has all arrived:
// read_form() (web/form.hpp) answers a short body 408 when it did.
class TimedBody {
public:
    virtual bool timed_out() const = 0;

protected:
    ~TimedBody() = default;
};

// Well inside the CGI's 10 s deadline for the whole request (web/cgi.cpp), so
// that the body's timeout always comes first; a form of at most 64 KiB that
// has not arrived in 5 s is not coming.
inline constexpr std::chrono::milliseconds cgi_body_deadline{5000};

// Reads `fd` until `budget` (counted from construction) runs out, then reads
// as the end of the input and says timed_out(); read_form() (web/form.hpp)
// answers that with a 408. A signal does not end a read early.
class DeadlineInput : public std::streambuf, public TimedBody {
public:
    DeadlineInput(int fd, std::chrono::milliseconds budget);
    bool timed_out() const override { return timed_out_; }

protected:
    int_type underflow() override;

private:
    int fd_;
    std::chrono::steady_clock::time_point deadline_;
    bool timed_out_ = false;
    char buffer_[4096];
};

// A body already read (qadex.fcgi reads it from its FastCGI stream first),
// and whether its time ran out before it was whole.
class ReceivedBody : public std::stringbuf, public TimedBody {
public:
    ReceivedBody(std::string bytes, bool timed_out)
        : std::stringbuf(std::move(bytes), std::ios::in), timed_out_(timed_out) {}
    bool timed_out() const override { return timed_out_; }

private:
    bool timed_out_;
};

}  // namespace qadex
