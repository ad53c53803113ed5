// qadex-search -i: the interactive session on a terminal.
#pragma once

#include "engine/search_engine.hpp"

namespace qadex {

// Runs the prompt until Ctrl-D or "quit"; returns the exit code. `start`
// holds the starting settings (page size, filters, sort); `color`: ANSI
// highlights, stdout is a terminal.
int run_interactive(SearchEngine& engine, const SearchRequest& start, bool color);

}  // namespace qadex
