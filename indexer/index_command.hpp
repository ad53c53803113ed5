// qadex-index's command line: options in, IndexOptions out.
#pragma once

#include <optional>
#include <ostream>

#include "index_run.hpp"

namespace qadex {

// Parses argv. Returns nullopt after printing --help or --version to `out`.
// Throws boost::program_options::error (or FatalError) for a bad command line.
std::optional<IndexOptions> parse_index_command(int argc, const char* const argv[], std::ostream& out);

// The whole program: parse, run, map every error to a message and an exit code.
int index_main(int argc, const char* const argv[]);

}  // namespace qadex
