// What a web request gets when its search crashes reading a damaged
// database (engine/crash_report.hpp): the 503 of an unavailable database,
// and a line in the server's error log naming the database to check.
#pragma once

#include <string>

#include "engine/crash_report.hpp"

namespace qadex {

// The complete CGI response: "Status: 503", Retry-After, and the words of
// any unavailable database (handler.hpp), as plain text.
std::string crash_response();

// The report to arm while a request runs: `response` (crash_response(), or
// FastCGI's records of it) written to `fd`, the log line naming `database`,
// then the process ends with `exit_code`.
CrashReport request_crash_report(int fd, std::string response, const std::string& database, int exit_code);

}  // namespace qadex
