// One run of qadex-index: read the inputs, index every good thread, apply
// deletions, commit, and report. Used by main() and by the tests.
#pragma once

#include <ostream>

#include "index_options.hpp"

namespace qadex {

// Runs the indexer; messages go to `err` (prefixed "qadex-index: "), --stats
// to `out`. Returns an exit code of exit_codes.hpp. Throws FatalError,
// DatabaseLockedError, SchemaMismatchError and Xapian::Error for main() to map.
int run_indexer(const IndexOptions& options, std::ostream& out, std::ostream& err);

// Set by SIGINT/SIGTERM: the run stops after the current thread, commits
// what is complete, prints its summary and returns exit_code::interrupted.
void install_stop_signal_handlers();

}  // namespace qadex
