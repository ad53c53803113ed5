// --batch: many queries in one process (evaluation runs, benchmarks, scripts).
#pragma once

#include <iosfwd>
#include <string>

#include "engine/following_engine.hpp"
#include "cli/search_options.hpp"

namespace qadex {

// Reads "qid<TAB>query" lines from `in` (blank lines and lines starting with
// '#' are skipped), searches each with options.request's settings and writes
// each result to `out` in options.format. Before each line the engine
// follows the database (engine/following_engine.hpp): the indexer's commits,
// a database rebuilt, replaced or moved. A bad line, or one that meets no
// usable database (missing, of another schema, damaged), is reported on
// `err` as "NAME:LINE: reason" and skipped, and the batch goes on. Returns
// exit_code::ok, exit_code::damaged_database when any line met a damaged
// database, else exit_code::partial when any line was skipped.
int run_batch(FollowingEngine& engine, const SearchOptions& options, std::istream& in, const std::string& name,
              std::ostream& out, std::ostream& err);

}  // namespace qadex
