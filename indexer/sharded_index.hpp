// The on-disk layout of a sharded index (qadex-index --shards N): a Xapian
// stub directory that Xapian, qadex-search and xapian-tcpsrv all open.
//   PATH/XAPIANDB   the stub: "auto lexicon", "auto shard-0", ... one per line
//   PATH/lexicon/   spelling and synonyms only (no answers): Xapian's remote
//                   backend serves neither, so the search machine keeps this
//                   small database locally (docs/SCALING.md)
//   PATH/shard-K/   the answers of the threads with shard_of(id, N) == K,
//                   with metadata qadex.shard = "K/N"
#pragma once

#include <string>
#include <vector>

namespace qadex {

struct ShardedIndex {
    std::string lexicon;              // path of the lexicon database
    std::vector<std::string> shards;  // shard K at index K
};

// Whether `path` is a sharded index (a stub directory holding XAPIANDB).
bool is_sharded_index(const std::string& path);

// Creates the layout at `path` (which must not exist): empty shard and
// lexicon databases stamped with the schema version and shard numbers, and
// the stub listing them.
ShardedIndex create_sharded_index(const std::string& path, unsigned count);

// Rewrites every part with Xapian's compaction (full B-tree blocks): about
// half the size of databases written incrementally, and faster to search.
// For a fresh build; each part is replaced only once its copy is complete.
void compact_sharded_index(const ShardedIndex& index);

// The parts of an existing sharded index, found by the shard numbers stored
// in each database (not by their order or names in the stub). Throws
// FatalError when a part is remote, missing or numbered inconsistently,
// DatabaseDamagedError naming a part that does not read (database_check.hpp).
ShardedIndex open_sharded_index(const std::string& path);

}  // namespace qadex
