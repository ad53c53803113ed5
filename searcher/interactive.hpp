// qadex-search -i: the interactive session on a terminal.
#pragma once

#include "search_engine.hpp"
#include "search_options.hpp"

namespace qadex {

// Runs the prompt until Ctrl-D or "quit"; returns the exit code.
int run_interactive(SearchEngine& engine, const SearchOptions& options);

}  // namespace qadex
