// qadex.cgi's 10 s deadline and per-request CPU time limit
// (web/request_limits.hpp) in a FastCGI process: a request still running
// then, or that has used its CPU time, is answered 503 (Retry-After) and the
// process exits, as qadex.cgi does, since a search cannot be abandoned
// half-way; the web server (lighttpd's bin-path, mod_fcgid) or a supervisor
// starts a new one. RLIMIT_CPU cannot do it: it counts the CPU time of every
// request the process has answered; a timer on the process's CPU clock is
// set again for each request.
#pragma once

#include <string>
#include <string_view>
#include "web/request_limits.hpp"

namespace qadex::fastcgi {

inline constexpr unsigned deadline_seconds = 10;

// Receiving a request (libfcgi reading its records, then its body) has a
// wall-clock limit of its own, as qadex.cgi's body has (web/body_input.hpp):
// a peer that connects and stalls would otherwise hold the process, and the
// SIGTERM that is blocked while a request is read, for as long as it liked.
inline constexpr unsigned receive_deadline_seconds = 5;

// Starts the receive clock. `connection_fd` is the request's ipcFd, read
// when the clock runs out (libfcgi sets it once it has accepted): the
// connection's reading side is then shut, so that the blocked read sees the
// end of the stream; libfcgi gives the request up, or the body comes out
// short (a 408), and the process serves on.
void arm_receive_deadline(const int* connection_fd);
// The request is received (or was given up): true if its clock ran out.
bool disarm_receive_deadline();

// Installs the SIGALRM and SIGXCPU handlers and makes the CPU timer (once).
void install_deadline_handler(const RequestLimits& limits);

// Starts the clocks (wall and CPU time) for the request with this FastCGI
// id on this connection: the 503's records are built now, so that the
// signal handler only write()s.
void arm_deadline(int connection_fd, int request_id);

// The response is ready: the clocks stop before it is written. If the
// request has used more than its CPU time all the same (it ended between
// two of the kernel's ticks), it is answered 503 and the process exits here.
void disarm_deadline();

// `response` (a CGI response: headers and body) as the FastCGI records that
// end the request with this id: FCGI_STDOUT, its end, FCGI_END_REQUEST.
std::string response_records(int request_id, std::string_view response);
// The request ran out of memory where the handler could not answer it:
// the constant 503 (web/timeout_response.hpp), as complete records, with
// no allocation. The caller then ends the process.
void answer_out_of_memory(int connection_fd, int request_id);

}  // namespace qadex::fastcgi
