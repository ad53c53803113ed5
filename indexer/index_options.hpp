// What one qadex-index run is asked to do (from its command line).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace qadex {

enum class Verbosity { quiet, normal, verbose };
enum class ProgressMode { automatic, on, off };  // automatic: only when stderr is a terminal

struct IndexOptions {
    std::string database;              // path of the Xapian database
    std::vector<std::string> inputs;   // files, directories, "-"
    std::vector<std::string> deletes;  // thread ids to remove
    std::uint32_t batch_size = 1000;   // documents per commit (measured: smaller is faster, less memory)
    bool dry_run = false;              // parse and report, write nothing
    bool stats = false;                // print database counts at the end
    bool rebuild = false;              // build a fresh database and swap it in
    bool force = false;                // rewrite every thread, even those whose content hash is unchanged
    std::string synonyms_file;         // extra synonym groups (docs/FORMATS.md)
    bool spelling = true;              // feed the spelling dictionary (for "did you mean")
    unsigned threads = 2;              // parsing and analysis threads
    unsigned shards = 0;               // --shards N: a sharded index (0: not asked; docs/SCALING.md)
    // Set by run_indexer() for input from a pipe: threads are committed as
    // they arrive (by count and time), so a new database gets one writer
    // whose commits are visible rather than a parallel build merged at the end.
    bool commit_as_read = false;
    ProgressMode progress = ProgressMode::automatic;
    Verbosity verbosity = Verbosity::normal;
};

}  // namespace qadex
