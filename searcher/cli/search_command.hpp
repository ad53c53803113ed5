// qadex-search's command line and the program around it.
#pragma once

namespace qadex {

// The whole program: parse options, search, print, map errors to exit codes.
int search_main(int argc, const char* const argv[]);

}  // namespace qadex
