// Parallel shards merged into a new database (see parallel_build_writer.hpp).
#include "parallel_build_writer.hpp"

#include <filesystem>

#include <xapian.h>

#include "shard_of.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

std::string prepare_shard_dir(const std::string& path) {
    std::string dir = path + ".shards";
    fs::remove_all(dir);  // left by a killed run: the caller holds the build lock
    fs::create_directories(dir);
    return dir;
}

std::vector<std::string> shard_paths(const std::string& dir, unsigned count) {
    std::vector<std::string> paths;
    for (unsigned i = 0; i < count; ++i) paths.push_back(dir + "/shard-" + std::to_string(i));
    return paths;
}

// Xapian's compaction combines postings, spelling, synonyms and metadata,
// and syncs the database it writes at `target` (which must not exist).
void merge_shards(const std::vector<std::string>& shard_paths, const std::string& target) {
    Xapian::Database all;
    for (const auto& path : shard_paths) all.add_database(Xapian::Database(path));
    all.compact(target);
}

}  // namespace

ParallelBuildWriter::ParallelBuildWriter(const std::string& path, unsigned shard_count, std::uint32_t batch_size)
    : path_(path), shard_dir_(prepare_shard_dir(path)), shard_paths_(shard_paths(shard_dir_, shard_count)) {
    // Not synced: the shards are thrown away if the build fails, and their
    // merge syncs. The syncs were 16% of the time of a 120,000-answer build.
    writers_.emplace(shard_paths_, batch_size, false);
}

ParallelBuildWriter::~ParallelBuildWriter() {
    writers_.reset();
    remove_temporary_files();
}

void ParallelBuildWriter::remove_temporary_files() {
    std::error_code ec;
    fs::remove_all(shard_dir_, ec);
    fs::remove_all(path_ + ".merging", ec);
}

StoredHashes ParallelBuildWriter::stored_hashes() { return {}; }  // a new database

void ParallelBuildWriter::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                                     std::vector<std::string>&& tags, ThreadPart part) {
    const std::uint32_t shard = shard_of(thread_id, writers_->size());
    writers_->put_thread(shard, std::move(thread_id), std::move(answers), std::move(tags), part);
}

void ParallelBuildWriter::delete_thread(std::string thread_id) {
    const std::uint32_t shard = shard_of(thread_id, writers_->size());
    writers_->delete_thread(shard, std::move(thread_id));
}

void ParallelBuildWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    writers_->add_synonym_group(0, group, all_pairs);  // one shard is enough: the merge combines synonym tables
}

WriteCounts ParallelBuildWriter::finish(bool /*complete*/) {
    WriteCounts counts = writers_->finish();
    const std::string merging = path_ + ".merging";
    merge_shards(shard_paths_, merging);
    fs::rename(merging, path_);  // the database appears complete or not at all
    remove_temporary_files();
    return counts;
}

}  // namespace qadex
