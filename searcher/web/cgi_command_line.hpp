// qadex.cgi run by a person rather than a web server (no GATEWAY_INTERFACE):
// --help and --version, so that `qadex.cgi --help` and help2man get a help
// text instead of an HTTP error page.
#pragma once

#include <optional>
#include <ostream>

namespace qadex {

// With GATEWAY_INTERFACE set, or no arguments (a server, or a test driving
// the CGI by its environment), returns nothing: answer the request. Else
// handles the command line and returns the exit code (0, or 2 for anything
// but --help and --version).
std::optional<int> cgi_command_line(int argc, const char* const argv[], std::ostream& out, std::ostream& err);

}  // namespace qadex
