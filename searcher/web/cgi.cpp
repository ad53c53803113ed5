// qadex as a CGI program (see cgi.hpp): the environment in, one response out,
// within a deadline and the limits of web/request_limits.hpp.
#include "web/cgi.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <new>
#include <unistd.h>

#include "web/body_input.hpp"
#include "web/crash_response.hpp"
#include "web/handler.hpp"
#include "web/request_limits.hpp"
#include "web/timeout_response.hpp"

namespace qadex {

namespace {

// A request that is still running after this many seconds gets a 503 and
// the process ends, so a pathological query cannot hold a server slot.
constexpr unsigned deadline_seconds = 10;

// timeout_response is written by the alarm handler with write(2), the only
// output call that is safe there; the same when the request has used its
// CPU time (SIGXCPU). The real response is written only after both are
// off, so the two never mix.
// write(2) until all of it is out (or it cannot be): no allocation, safe in
// a signal handler.
template <std::size_t N>
void write_constant(const char (&text)[N]) {
    std::size_t done = 0;
    while (done < N - 1) {
        const ssize_t n = ::write(STDOUT_FILENO, text + done, N - 1 - done);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

extern "C" void on_deadline(int) {
    write_constant(timeout_response);
    std::_Exit(0);
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

int cgi_main() {
    std::signal(SIGALRM, on_deadline);
    std::signal(SIGXCPU, on_deadline);
    alarm(deadline_seconds);
    const RequestLimits limits = request_limits();
    CpuTimer cpu(SIGXCPU);
    cpu.arm(limits.cpu_seconds);
    limit_process_cpu(limits);
    limit_memory_from_now(limits);
    bool writing = false;
    try {
        std::ios::sync_with_stdio(false);
        CgiEnvironment request{env("REQUEST_METHOD"), env("QUERY_STRING"), env("CONTENT_TYPE"), env("CONTENT_LENGTH")};
        // The database is the server's choice (QADEX_DB), never the request's.
        DeadlineInput stdin_body(STDIN_FILENO, cgi_body_deadline);  // a stalled body: 408
        std::istream body(&stdin_body);
        const std::string database = env("QADEX_DB");
        arm_crash_report(request_crash_report(STDOUT_FILENO, crash_response(), database, 0));
        HttpResponse response = handle_cgi_request(request, body, database);

        disarm_crash_report();
        alarm(0);
        cpu.disarm();
        if (cpu.expired()) on_deadline(0);  // over its CPU time before the timer's tick
        writing = true;
        write_response(std::cout, response, request.method == "HEAD");
    } catch (const std::bad_alloc&) {
        // Out of memory where the handler could not answer it (its own 503
        // needs some): the constant one, unless the response had begun.
        disarm_crash_report();
        alarm(0);
        cpu.disarm();
        if (!writing) write_constant(out_of_memory_response);
    }
    return 0;
}

}  // namespace qadex
