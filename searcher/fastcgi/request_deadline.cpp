// The per-request deadline (see request_deadline.hpp).
#include "fastcgi/request_deadline.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

#include "web/timeout_response.hpp"

namespace qadex::fastcgi {

namespace {

// FastCGI records (version 1): FCGI_STDOUT with the response, an empty
// FCGI_STDOUT ending the stream, FCGI_END_REQUEST (status 0, request complete).
constexpr unsigned char stdout_type = 6;
constexpr unsigned char end_request_type = 3;
constexpr std::size_t header_bytes = 8;
constexpr std::size_t records_bytes_for(std::size_t n) { return header_bytes + n + header_bytes + header_bytes + 8; }
constexpr std::size_t body_bytes = sizeof timeout_response - 1;
constexpr std::size_t records_bytes = records_bytes_for(body_bytes);
static_assert(sizeof out_of_memory_response - 1 < 65536 && body_bytes < 65536, "one FastCGI record");

unsigned char records[records_bytes];
volatile sig_atomic_t armed_fd = -1;
std::unique_ptr<CpuTimer> cpu_timer;
double cpu_seconds = 0;
const int* volatile receiving_fd = nullptr;  // set while a request is received
volatile sig_atomic_t receive_timed_out = 0;

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

// The records of a whole response whose CGI output is `body` (n bytes).
void put_records(unsigned char* at, int request_id, const char* body, std::size_t n) {
    put_header(at, stdout_type, request_id, n);
    std::memcpy(at + header_bytes, body, n);
    at += header_bytes + n;
    put_header(at, stdout_type, request_id, 0);
    at += header_bytes;
    put_header(at, end_request_type, request_id, 8);
    std::memset(at + header_bytes, 0, 8);  // appStatus 0, FCGI_REQUEST_COMPLETE, reserved
}

void write_all(int fd, const unsigned char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
}

extern "C" void on_deadline(int signal) {
    if (signal == SIGALRM && receiving_fd) {
        const int fd = *static_cast<const volatile int*>(receiving_fd);
        if (fd < 0) {
            alarm(1);  // not connected yet: look again in a second
            return;
        }
        receive_timed_out = 1;
        ::shutdown(fd, SHUT_RD);
        return;
    }
    const int fd = armed_fd;
    if (fd >= 0) write_all(fd, records, records_bytes);
    std::_Exit(0);
}

}  // namespace

void install_deadline_handler(const RequestLimits& limits) {
    struct sigaction action {};
    action.sa_handler = on_deadline;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, nullptr);
    sigaction(SIGXCPU, &action, nullptr);
    cpu_seconds = limits.cpu_seconds;
    if (!cpu_timer) cpu_timer = std::make_unique<CpuTimer>(SIGXCPU);
}

std::string response_records(int request_id, std::string_view response) {
    std::string out(records_bytes_for(response.size()), '\0');
    put_records(reinterpret_cast<unsigned char*>(out.data()), request_id, response.data(), response.size());
    return out;
}

void arm_receive_deadline(const int* connection_fd) {
    receive_timed_out = 0;
    receiving_fd = connection_fd;
    alarm(receive_deadline_seconds);
}

bool disarm_receive_deadline() {
    alarm(0);
    receiving_fd = nullptr;
    return receive_timed_out != 0;
}

void arm_deadline(int connection_fd, int request_id) {
    put_records(records, request_id, timeout_response, body_bytes);
    armed_fd = connection_fd;
    alarm(deadline_seconds);
    if (cpu_timer) cpu_timer->arm(cpu_seconds);
}

void disarm_deadline() {
    alarm(0);
    if (cpu_timer) {
        cpu_timer->disarm();
        // Over its CPU time before the timer's tick: answered as if it had fired.
        if (armed_fd >= 0 && cpu_timer->expired()) on_deadline(SIGXCPU);
    }
    armed_fd = -1;
}

void answer_out_of_memory(int connection_fd, int request_id) {
    constexpr std::size_t n = sizeof out_of_memory_response - 1;
    unsigned char out[records_bytes_for(n)];
    put_records(out, request_id, out_of_memory_response, n);
    write_all(connection_fd, out, sizeof out);
}

}  // namespace qadex::fastcgi
