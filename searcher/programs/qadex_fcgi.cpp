// qadex.fcgi: the FastCGI entry point (one process, many requests).
#include "fastcgi/fastcgi_main.hpp"

int main(int argc, char* argv[]) { return qadex::fastcgi::fastcgi_main(argc, argv); }
