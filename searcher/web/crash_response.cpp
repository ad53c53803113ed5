// A web request's crash, reported (see crash_response.hpp).
#include "web/crash_response.hpp"

#include <cerrno>  // program_invocation_short_name

#include "engine/search_engine.hpp"
#include "web/handler.hpp"

namespace qadex {

std::string crash_response() {
    return std::string("Status: 503 Service Unavailable\r\n"
                       "Content-Type: text/plain; charset=utf-8\r\n"
                       "Retry-After: ") +
           std::to_string(retry_after_seconds) +
           "\r\n"
           "Cache-Control: no-store\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "\r\n" +
           unavailable_message + "\n";
}

CrashReport request_crash_report(int fd, std::string response, const std::string& database, int exit_code) {
    CrashReport report;
    report.response_fd = fd;
    report.response = std::move(response);
    report.log_prefix = std::string(program_invocation_short_name) + ": '" + database +
                        "' is probably damaged: a request crashed reading it (";
    report.log_suffix = "), answered 503; " + damage_advice(database) + "\n";
    report.exit_code = exit_code;
    return report;
}

}  // namespace qadex
