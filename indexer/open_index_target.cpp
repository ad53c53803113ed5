// The one choice of writer (see open_index_target.hpp).
#include "open_index_target.hpp"

#include <filesystem>
#include <string>

#include <qadex/database_check.hpp>
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

constexpr const char* nothing_written = "nothing was written to it";

// Nothing to keep at `path`: absent, or an empty directory.
bool nothing_at(const std::string& path) {
    std::error_code ec;
    return !fs::exists(path, ec) || (fs::is_directory(path, ec) && fs::is_empty(path, ec));
}

// A database this run updates: damage is found before the first write.
void check_existing_database(const std::string& path) {
    std::error_code ec;
    if (fs::exists(fs::path(path) / "iamglass", ec)) check_database_readable(path);
}

std::unique_ptr<IndexTarget> open_at(const std::string& path, const IndexOptions& options) {
    // A sharded index (--shards N, or one that exists) stays split: each
    // thread goes to the shard its id hashes to.
    const bool sharded = is_sharded_index(path);
    if (!sharded && is_stub_file(path))
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
        if (!nothing_at(path))
            throw FatalError("'" + path + "' is a single database; to split it, use --rebuild --shards N");
        return std::make_unique<ShardedIndexWriter>(create_sharded_index(path, options.shards), options.batch_size,
                                                    true);
    }
    // A build from scratch writes shards in parallel and merges them; an
    // update (or a run that deletes, or one that commits piped input as it
    // arrives) goes through the database's single writer.
    if (options.threads >= 2 && options.deletes.empty() && !options.commit_as_read && !fs::exists(path))
        return std::make_unique<ParallelBuildWriter>(path, options.threads, options.batch_size);
    check_existing_database(path);
    return std::make_unique<SingleDatabaseWriter>(path, options.batch_size);
}

}  // namespace

bool builds_beside(const IndexOptions& options) {
    return options.rebuild || (options.shards && !is_sharded_index(options.database) && nothing_at(options.database));
}

std::unique_ptr<IndexTarget> open_index_target(const IndexOptions& options) {
    if (builds_beside(options)) {
        const auto purpose = options.rebuild ? RebuildWriter::Purpose::replace : RebuildWriter::Purpose::create;
        return std::make_unique<RebuildWriter>(options.database, purpose,
                                               [&](const std::string& path) { return open_at(path, options); });
    }
    try {
        return naming_damage(options.database, nothing_written, [&] { return open_at(options.database, options); });
    } catch (const DatabaseDamagedError& e) {  // a part of a sharded index, named by its check
        if (!e.consequence().empty()) throw;
        throw DatabaseDamagedError(e.path(), e.detail(), nothing_written);
    }
}

}  // namespace qadex
