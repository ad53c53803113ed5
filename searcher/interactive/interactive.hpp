// qadex-search -i: the interactive session on a terminal.
#pragma once

#include "engine/following_engine.hpp"

namespace qadex {

// Runs the prompt until Ctrl-D or "quit"; returns the exit code. `start`
// holds the starting settings (page size, filters, sort); `color`: ANSI
// highlights, stdout is a terminal. The engine follows the database
// between lines (a rebuild, a deletion).
int run_interactive(FollowingEngine& engine, const SearchRequest& start, bool color);

}  // namespace qadex
