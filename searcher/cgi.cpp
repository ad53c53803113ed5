// Placeholder until CGI mode lands (issue 5).
#include "cgi.hpp"

#include <iostream>

namespace qadex {

int cgi_main() {
    std::cout << "Status: 501 Not Implemented\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                 "CGI mode is not built yet.\n";
    return 0;
}

}  // namespace qadex
