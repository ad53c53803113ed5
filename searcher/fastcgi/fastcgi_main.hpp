// qadex.fcgi: the searcher as a FastCGI program. Each request goes through
// the same handler as qadex.cgi's (web/handler.hpp); only the way it arrives
// differs (FCGX_Accept_r's parameters and streams instead of the
// environment and stdin), and the engine stays open between requests
// (web/persistent_engine.hpp).
#pragma once

namespace qadex::fastcgi {

// Exit codes as listed in usage_text() (fastcgi_options.cpp).
int fastcgi_main(int argc, char* argv[]);

}  // namespace qadex::fastcgi
