// qadex.cgi's 10 s deadline in a FastCGI process: a request still running
// then is answered 503 (Retry-After) and the process exits, as qadex.cgi
// does, since a search cannot be abandoned half-way; the web server
// (lighttpd's bin-path, mod_fcgid) or a supervisor starts a new one.
#pragma once

#include <string>
#include <string_view>

namespace qadex::fastcgi {

inline constexpr unsigned deadline_seconds = 10;

// Installs the SIGALRM handler (once).
void install_deadline_handler();

// Starts the clock for the request with this FastCGI id on this connection:
// the 503's records are built now, so that the signal handler only write()s.
void arm_deadline(int connection_fd, int request_id);

// The response is ready in time: the clock stops before it is written.
void disarm_deadline();

// `response` (a CGI response: headers and body) as the FastCGI records that
// end the request with this id: FCGI_STDOUT, its end, FCGI_END_REQUEST.
std::string response_records(int request_id, std::string_view response);

}  // namespace qadex::fastcgi
