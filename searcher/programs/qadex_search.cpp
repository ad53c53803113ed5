// qadex-search: the command line, or the CGI program when a web server runs
// it (GATEWAY_INTERFACE set and no arguments), so one binary serves both.
#include <cstdlib>

#include "cli/search_command.hpp"
#include "web/cgi.hpp"

int main(int argc, char* argv[]) {
    if (std::getenv("GATEWAY_INTERFACE") && argc <= 1) return qadex::cgi_main();
    return qadex::search_main(argc, argv);
}
