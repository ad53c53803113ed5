// qadex.cgi's --help and --version (see cgi_command_line.hpp).
#include "web/cgi_command_line.hpp"

#include <cstdlib>
#include <string_view>
#include <xapian.h>

#include <qadex/exit_codes.hpp>
#include <qadex/version.hpp>

namespace qadex {

namespace {

constexpr const char* usage_line = "Usage: qadex.cgi [--help | --version]";

// Laid out as Boost's option tables are, which help2man reads for the man page.
constexpr const char* help_text =
    "\n"
    "Answer one search request as a CGI program. A web server (lighttpd, Apache) runs\n"
    "it with the request in its environment (GATEWAY_INTERFACE, REQUEST_METHOD,\n"
    "QUERY_STRING; a POSTed form on standard input), and it writes the HTTP response,\n"
    "an HTML page or JSON (format=json), to standard output. The parameters are q,\n"
    "page, per_page, filter=FIELD:VALUE, sort, facets, format, thread, similar and\n"
    "suggest (docs/WEB.md). Run by a person, without GATEWAY_INTERFACE, it takes only\n"
    "the options below.\n"
    "\n"
    "Options:\n"
    "  -h [ --help ]         show this help and exit\n"
    "  --version             show the version and exit\n"
    "\n"
    "Environment: QADEX_DB, the database to search (the request never chooses it);\n"
    "QADEX_REMOTE_TIMEOUT, seconds to wait for a remote shard (default 5).\n"
    "\n"
    "Exit status: 0 once a response is written (errors are HTTP statuses: 400, 404,\n"
    "405, 413, 503...), 2 bad command line.\n";

}  // namespace

std::optional<int> cgi_command_line(int argc, const char* const argv[], std::ostream& out, std::ostream& err) {
    // A server may pass an <ISINDEX> query's words as arguments (RFC 3875,
    // 4.4): with GATEWAY_INTERFACE set they are never options.
    if (std::getenv("GATEWAY_INTERFACE") || argc <= 1) return std::nullopt;
    const std::string_view arg = argv[1];
    if (argc == 2 && (arg == "--help" || arg == "-h")) {
        out << usage_line << '\n' << help_text;
        return exit_code::ok;
    }
    if (argc == 2 && arg == "--version") {
        out << "qadex.cgi " << version_string << " (Xapian " << Xapian::version_string() << ")\n";
        return exit_code::ok;
    }
    err << "qadex.cgi: this is a CGI program, run by a web server; it takes no '" << arg << "'\n"
        << usage_line << "\nTry 'qadex.cgi --help'.\n";
    return exit_code::usage;
}

}  // namespace qadex
