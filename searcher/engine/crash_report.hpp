// A crash inside libxapian reading a damaged file, reported rather than
// silent. Glass tables hold no checksums, and Xapian trusts what a block
// says: one flipped byte in a block's directory of items makes it read
// outside the block, and the process dies with SIGSEGV (tests/e2e/python/
// test_reliability_damaged_search.py flips such bytes). No exception can be caught
// there; while a report is armed, a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL)
// writes it and ends the process with its exit code instead: qadex-search
// says which database to check (exit_code::damaged_database), qadex.cgi and
// qadex.fcgi answer the request with a 503 (never the web server's bare 500)
// and log the database to check.
//
// Not armed, a crash is left to the handler that was there before (the
// default, or a sanitizer's report).
#pragma once

#include <string>

namespace qadex {

struct CrashReport {
    int response_fd = -1;       // where `response` is written (the request's connection), or -1
    std::string response;       // bytes of a complete response (CGI: headers and body; FastCGI: its records)
    std::string log_prefix;     // to stderr: log_prefix + "segmentation fault" (the signal) + log_suffix
    std::string log_suffix;
    int exit_code = 1;
};

// Arms `report` (replacing any armed before). Cheap after the first call.
void arm_crash_report(CrashReport report);
// The work the report was about is over (a response about to be written).
void disarm_crash_report();

}  // namespace qadex
