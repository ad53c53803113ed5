// The one summary line of a qadex-index run (stderr), e.g.
//   qadex-index: 1,200 threads (3,400 answers) read from 1 file: threads 1,200
//   added, 0 replaced, 0 deleted, 0 unchanged; answers 3,400 added, 0 replaced,
//   0 deleted; 0 skipped; 1 warning; 1.52 s, 2,237 answers/s
// (the warnings only when there are some)
// Every count with thousands separators, nouns in the singular for 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "write_counts.hpp"

namespace qadex {

struct RunCounts {
    std::uint64_t files = 0, records = 0, threads = 0, answers = 0, skipped = 0, warnings = 0;
    std::uint64_t unchanged = 0;  // threads the database already held as they are
};

// `writes` is empty when the run wrote nothing, which `nothing_written`
// explains (a dry run, an interrupted --rebuild); `interrupted` by SIGINT/SIGTERM.
std::string summary_line(const RunCounts& counts, const std::optional<WriteCounts>& writes, double seconds,
                         bool interrupted, const std::string& nothing_written = "dry run: nothing written");

// "1 file", "2 files", "1,000 files"
std::string count_of(std::uint64_t n, const char* singular, const char* plural);

}  // namespace qadex
