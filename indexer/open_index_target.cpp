// The one choice of writer (see open_index_target.hpp).
#include "open_index_target.hpp"

#include <filesystem>
#include <string>

#include <qadex/error.hpp>
#include <qadex/stub_file.hpp>

#include "parallel_build_writer.hpp"
#include "rebuild_writer.hpp"
#include "sharded_index.hpp"
#include "sharded_index_writer.hpp"
#include "single_database_writer.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

std::unique_ptr<IndexTarget> open_at(const std::string& path, const IndexOptions& options) {
    // A sharded index (--shards N, or one that exists) stays split: each
    // thread goes to the shard its id hashes to.
    const bool sharded = is_sharded_index(path);
    if (!sharded && !stub_file_of(path).empty())
        throw FatalError("'" + path + "' is a stub file listing databases: update the sharded index "
                         "(the directory qadex-index --shards made) instead");
    if (sharded) {
        ShardedIndex index = open_sharded_index(path);
        if (options.shards && options.shards != index.shards.size())
            throw FatalError("'" + path + "' has " + std::to_string(index.shards.size()) +
                             " shards; to split it another way, use --rebuild --shards N");
        return std::make_unique<ShardedIndexWriter>(index, options.batch_size, false);
    }
    if (options.shards) {
        if (fs::exists(path))
            throw FatalError("'" + path + "' is a single database; to split it, use --rebuild --shards N");
        return std::make_unique<ShardedIndexWriter>(create_sharded_index(path, options.shards), options.batch_size,
                                                    true);
    }
    // A build from scratch writes shards in parallel and merges them; an
    // update (or a run that deletes, or one that commits piped input as it
    // arrives) goes through the database's single writer.
    if (options.threads >= 2 && options.deletes.empty() && !options.commit_as_read && !fs::exists(path))
        return std::make_unique<ParallelBuildWriter>(path, options.threads, options.batch_size);
    return std::make_unique<SingleDatabaseWriter>(path, options.batch_size);
}

}  // namespace

std::unique_ptr<IndexTarget> open_index_target(const IndexOptions& options) {
    if (!options.rebuild) return open_at(options.database, options);
    return std::make_unique<RebuildWriter>(options.database, open_at(rebuild_path(options.database), options));
}

}  // namespace qadex
