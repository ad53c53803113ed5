// qadex-search: the command line, or the CGI program when a web server runs
// it (GATEWAY_INTERFACE set), so one binary serves both.
#include <cstdlib>

#include "cli/search_command.hpp"
#include "web/cgi.hpp"

int main(int argc, char* argv[]) {
    // Under a server the arguments are never options: Apache passes the words
    // of a query string without '=' as arguments (RFC 3875, 4.4), and as
    // options they would choose the database and lift the deadline.
    if (std::getenv("GATEWAY_INTERFACE")) return qadex::cgi_main();
    return qadex::search_main(argc, argv);
}
