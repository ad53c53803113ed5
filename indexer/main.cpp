// qadex-index: all the work is in index_command.cpp, where tests reach it.
#include "index_command.hpp"

int main(int argc, char* argv[]) { return qadex::index_main(argc, argv); }
