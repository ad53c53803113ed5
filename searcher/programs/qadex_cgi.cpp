// qadex.cgi: the CGI entry point, for servers that run any *.cgi.
#include "web/cgi.hpp"

int main() { return qadex::cgi_main(); }
