// qadex as a CGI program (see cgi.hpp): the environment in, one response out,
// within a deadline.
#include "web/cgi.hpp"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "web/body_input.hpp"
#include "web/crash_response.hpp"
#include "web/handler.hpp"
#include "web/timeout_response.hpp"

namespace qadex {

namespace {

// A request that is still running after this many seconds gets a 503 and
// the process ends, so a pathological query cannot hold a server slot.
constexpr unsigned deadline_seconds = 10;

// timeout_response is written by the alarm handler with write(2), the only
// output call that is safe there. The real response is written only after
// the alarm is off, so the two never mix.
extern "C" void on_deadline(int) {
    ssize_t ignored = ::write(STDOUT_FILENO, timeout_response, sizeof timeout_response - 1);
    (void)ignored;
    std::_Exit(0);
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

int cgi_main() {
    std::signal(SIGALRM, on_deadline);
    alarm(deadline_seconds);
    std::ios::sync_with_stdio(false);

    CgiEnvironment request{env("REQUEST_METHOD"), env("QUERY_STRING"), env("CONTENT_TYPE"), env("CONTENT_LENGTH")};
    // The database is the server's choice (QADEX_DB), never the request's.
    const std::string database = env("QADEX_DB");
    DeadlineInput stdin_body(STDIN_FILENO, cgi_body_deadline);  // a stalled body: 408
    std::istream body(&stdin_body);
    arm_crash_report(request_crash_report(STDOUT_FILENO, crash_response(), database, 0));
    HttpResponse response = handle_cgi_request(request, body, database);

    disarm_crash_report();
    alarm(0);
    write_response(std::cout, response, request.method == "HEAD");
    return 0;
}

}  // namespace qadex
