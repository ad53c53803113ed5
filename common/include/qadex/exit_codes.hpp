// The exit codes of qadex-index and qadex-search, documented in README.md.
#pragma once

namespace qadex::exit_code {

inline constexpr int ok = 0;               // everything asked was done
inline constexpr int failure = 1;          // an error stopped the run (I/O, database, internal; indexer: no input readable)
inline constexpr int usage = 2;            // bad command line or parameter
inline constexpr int partial = 3;          // indexer: done, but some inputs were skipped as bad
inline constexpr int locked = 4;           // indexer: another indexer holds the database's write lock
inline constexpr int no_database = 5;      // the database is missing or unreadable
inline constexpr int wrong_schema = 6;     // the database was written by an incompatible qadex version, or
                                           // (indexer) the path holds something not qadex's: refused, untouched
inline constexpr int bad_query = 7;        // searcher: the query is empty, too long or not UTF-8
inline constexpr int shard_unavailable = 8; // searcher: a remote shard is down or did not answer in time
inline constexpr int not_found = 9;        // searcher: --similar names no answer or thread in the database
inline constexpr int damaged_database = 10; // the database fails to read (corrupt file): named, nothing written to it
inline constexpr int interrupted = 130;    // indexer: stopped by SIGINT/SIGTERM after committing finished work

}  // namespace qadex::exit_code
