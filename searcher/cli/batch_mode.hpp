// --batch: many queries in one process (evaluation runs, benchmarks, scripts).
#pragma once

#include <iosfwd>
#include <string>

#include "engine/search_engine.hpp"
#include "cli/search_options.hpp"

namespace qadex {

// Reads "qid<TAB>query" lines from `in` (blank lines and lines starting with
// '#' are skipped), searches each with options.request's settings and writes
// each result to `out` in options.format. A bad line is reported on `err` as
// "NAME:LINE: reason" and skipped. Returns exit_code::ok, or
// exit_code::partial when any line was skipped.
int run_batch(SearchEngine& engine, const SearchOptions& options, std::istream& in, const std::string& name,
              std::ostream& out, std::ostream& err);

}  // namespace qadex
