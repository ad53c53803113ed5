// qadex.fcgi's command line: how it is started, not what it answers (that
// comes from each request, as for qadex.cgi).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace qadex::fastcgi {

// A bad command line: the message, then exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Options {
    bool help = false;
    // "unix:PATH" or "HOST:PORT": listen there itself (standalone). Empty:
    // the web server or spawn-fcgi passes the listening socket as stdin.
    std::string listen;
    int backlog = 64;
    // Recent search results kept in memory (SearchEngine::keep_recent_results).
    std::size_t cache_mb = 32;
    // The database: --db, else $QADEX_DB of the process; never the request's.
    std::string database;
};

// Throws UsageError (exit 2) with a message for a bad command line.
Options parse_options(int argc, char* argv[]);

// The --help text.
const char* usage_text();

// "unix:/run/qadex.sock" -> "/run/qadex.sock", "127.0.0.1:9000" as is.
// Throws UsageError for anything else.
std::string socket_address(const std::string& listen);

}  // namespace qadex::fastcgi
