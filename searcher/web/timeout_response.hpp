// The 503 a request gets when it runs past its deadline or its CPU time,
// written by a signal handler (CGI: write(2); FastCGI: inside FCGI_STDOUT
// records), so a constant byte string, the same for both front ends.
#pragma once

namespace qadex {

inline constexpr char timeout_response[] =
    "Status: 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Retry-After: 30\r\n"
    "Cache-Control: no-store\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "\r\n"
    "The search took too long. Please try a shorter question.\n";

// The same when the request ran out of the memory it may use
// (web/request_limits.hpp) where nothing else could be written.
inline constexpr char out_of_memory_response[] =
    "Status: 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Retry-After: 30\r\n"
    "Cache-Control: no-store\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "\r\n"
    "The search needed too much memory. Please try a shorter question.\n";

}  // namespace qadex
