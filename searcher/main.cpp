// qadex-search: all the work is in search_command.cpp, where tests reach it.
#include "search_command.hpp"

int main(int argc, char* argv[]) { return qadex::search_main(argc, argv); }
