// qadex.fcgi's command line (see fastcgi_options.hpp).
#include "fastcgi/fastcgi_options.hpp"

#include <cstdlib>
#include <string_view>

namespace qadex::fastcgi {

const char* usage_text() {
    return R"(Usage: qadex.fcgi [--db PATH] [--listen ADDRESS] [--backlog N] [--cache-mb N]

qadex's search page and JSON API as a FastCGI program: one process answers
many requests, exactly as qadex.cgi answers one (docs/WEB.md), keeping the
database open and following the indexer's commits and --rebuild swaps.

  --db PATH         the database (default: $QADEX_DB of the process; requests
                    cannot choose it)
  --listen ADDRESS  listen on ADDRESS itself: unix:PATH (a socket file) or
                    HOST:PORT (e.g. 127.0.0.1:9000). Without it the listening
                    socket is standard input, as a web server (lighttpd's
                    bin-path, Apache mod_fcgid) or spawn-fcgi passes it.
  --backlog N       connections waiting to be accepted (default 64)
  --cache-mb N      keep up to about N MB of recent search results, so a
                    question asked again is answered without searching;
                    a commit to the database empties it (default 32; 0: off)
  -h, --help        this text

Each request may use 1 s of CPU time and 64 MB of memory ($QADEX_CPU_LIMIT
seconds, $QADEX_MEMORY_LIMIT MB; 0: no limit): over its CPU time it is
answered 503 and the process exits 0, over its memory it is answered 503.
A request whose records or body stop coming for 5 s is given up (a body: 408).
SIGTERM (or SIGINT) ends the process after the request in flight (exit 0).
Exit codes: 0 stopped by a signal, after a request over its 10 s deadline or
its CPU time, or --help; 1 the socket cannot be opened or accepting failed;
2 bad command line, or started by a person without --listen (standard input
is not a socket); 10 a request crashed reading a damaged database (it was
answered 503; the log names the database).
)";
}

namespace {

std::string value_of(int argc, char* argv[], int& i, std::string_view option) {
    if (i + 1 >= argc) throw UsageError(std::string(option) + " needs a value");
    return argv[++i];
}

}  // namespace

Options parse_options(int argc, char* argv[]) {
    Options options;
    if (const char* db = std::getenv("QADEX_DB")) options.database = db;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            options.help = true;
        } else if (arg == "--db") {
            options.database = value_of(argc, argv, i, arg);
        } else if (arg == "--listen") {
            options.listen = value_of(argc, argv, i, arg);
            socket_address(options.listen);  // checked now, not when the first request comes
        } else if (arg == "--backlog") {
            const std::string text = value_of(argc, argv, i, arg);
            char* end = nullptr;
            const long n = std::strtol(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || n < 1 || n > 65535)
                throw UsageError("--backlog must be a number from 1 to 65535, not '" + text + "'");
            options.backlog = static_cast<int>(n);
        } else if (arg == "--cache-mb") {
            const std::string text = value_of(argc, argv, i, arg);
            char* end = nullptr;
            const long n = std::strtol(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || n < 0 || n > 65536)
                throw UsageError("--cache-mb must be a number from 0 to 65536, not '" + text + "'");
            options.cache_mb = static_cast<std::size_t>(n);
        } else {
            throw UsageError("unknown argument '" + std::string(arg) + "'");
        }
    }
    return options;
}

std::string socket_address(const std::string& listen) {
    if (listen.rfind("unix:", 0) == 0) {
        std::string path = listen.substr(5);
        if (path.empty()) throw UsageError("--listen unix:PATH needs a PATH");
        return path;
    }
    const auto colon = listen.rfind(':');
    const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
    if (colon == std::string::npos || port.empty() || port.find_first_not_of("0123456789") != std::string::npos ||
        port.size() > 5 || std::stoi(port) < 1 || std::stoi(port) > 65535)
        throw UsageError("--listen takes unix:PATH or HOST:PORT, not '" + listen + "'");
    return listen;
}

}  // namespace qadex::fastcgi
