// qadex.cgi: the CGI entry point, for servers that run any *.cgi.
#include <iostream>

#include "web/cgi.hpp"
#include "web/cgi_command_line.hpp"

int main(int argc, char* argv[]) {
    if (auto code = qadex::cgi_command_line(argc, argv, std::cout, std::cerr)) return *code;
    return qadex::cgi_main();
}
