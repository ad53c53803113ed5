// The per-request deadline (see request_deadline.hpp).
#include "fastcgi/request_deadline.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include "web/timeout_response.hpp"

namespace qadex::fastcgi {

namespace {

// FastCGI records (version 1): FCGI_STDOUT with the response, an empty
// FCGI_STDOUT ending the stream, FCGI_END_REQUEST (status 0, request complete).
constexpr unsigned char stdout_type = 6;
constexpr unsigned char end_request_type = 3;
constexpr std::size_t header_bytes = 8;
constexpr std::size_t body_bytes = sizeof timeout_response - 1;
constexpr std::size_t records_bytes = header_bytes + body_bytes + header_bytes + header_bytes + 8;

unsigned char records[records_bytes];
volatile sig_atomic_t armed_fd = -1;

void put_header(unsigned char* at, unsigned char type, int request_id, std::size_t content_length) {
    at[0] = 1;
    at[1] = type;
    at[2] = static_cast<unsigned char>(request_id >> 8);
    at[3] = static_cast<unsigned char>(request_id);
    at[4] = static_cast<unsigned char>(content_length >> 8);
    at[5] = static_cast<unsigned char>(content_length);
    at[6] = 0;  // padding
    at[7] = 0;
}

extern "C" void on_deadline(int) {
    const int fd = armed_fd;
    if (fd >= 0) {
        std::size_t done = 0;
        while (done < records_bytes) {
            const ssize_t n = ::write(fd, records + done, records_bytes - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
    }
    std::_Exit(0);
}

}  // namespace

void install_deadline_handler() {
    struct sigaction action {};
    action.sa_handler = on_deadline;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, nullptr);
}

std::string response_records(int request_id, std::string_view response) {
    std::string out(header_bytes + response.size() + header_bytes + header_bytes + 8, '\0');
    auto* at = reinterpret_cast<unsigned char*>(out.data());
    put_header(at, stdout_type, request_id, response.size());
    std::memcpy(at + header_bytes, response.data(), response.size());
    at += header_bytes + response.size();
    put_header(at, stdout_type, request_id, 0);
    at += header_bytes;
    put_header(at, end_request_type, request_id, 8);  // appStatus 0, FCGI_REQUEST_COMPLETE, reserved: zeros
    return out;
}

void arm_deadline(int connection_fd, int request_id) {
    static_assert(body_bytes < 65536, "one FastCGI record");
    const std::string bytes = response_records(request_id, {timeout_response, body_bytes});
    std::memcpy(records, bytes.data(), records_bytes);  // the handler may not allocate: a static copy
    armed_fd = connection_fd;
    alarm(deadline_seconds);
}

void disarm_deadline() {
    alarm(0);
    armed_fd = -1;
}

}  // namespace qadex::fastcgi
