// Placeholder until the interactive session lands (issue 4).
#include "interactive.hpp"

#include <iostream>

#include <qadex/exit_codes.hpp>

namespace qadex {

int run_interactive(SearchEngine&, const SearchOptions&) {
    std::cerr << "qadex-search: the interactive session is not built yet; give a QUERY\n";
    return exit_code::usage;
}

}  // namespace qadex
