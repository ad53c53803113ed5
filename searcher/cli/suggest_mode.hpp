// qadex-search --suggest TEXT: the completions of TEXT as one JSON object.
#pragma once

#include <ostream>
#include <string>

#include <xapian.h>

namespace qadex {

// Writes the suggestions (docs/SEARCH_JSON.md) to `out`; returns the exit code.
int run_suggest(const Xapian::Database& db, const std::string& text, std::ostream& out);

}  // namespace qadex
