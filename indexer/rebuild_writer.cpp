// Building beside the database and swapping in (see rebuild_writer.hpp).
#include "rebuild_writer.hpp"

#include <cstdio>  // renameat2
#include <fcntl.h>
#include <filesystem>

#include "owned_paths.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

// The old database, moved aside by the swap. It was found to be a qadex
// database before the build (write_paths.cpp); anything else stays.
void remove_old_database(const fs::path& path) {
    std::error_code ec;
    if (fs::is_symlink(path, ec)) fs::remove(path);  // the operator's link: what it points to stays
    else if (database_owner(path) == PathOwner::ours) fs::remove_all(path);
}

void swap_in_rebuilt(const std::string& database) {
    const std::string old_path = database + ".old";
    remove_leftover(old_path);
    // One atomic exchange where the file system has it (Linux 3.15+): killed
    // at any point, the name searchers open holds a complete database. The
    // two renames below leave a moment with no database at all.
    if (fs::exists(database) &&
        ::renameat2(AT_FDCWD, rebuild_path(database).c_str(), AT_FDCWD, database.c_str(), RENAME_EXCHANGE) == 0) {
        remove_old_database(rebuild_path(database));
        return;
    }
    if (fs::exists(database)) fs::rename(database, old_path);
    fs::rename(rebuild_path(database), database);
    remove_old_database(old_path);
}

}  // namespace

std::string rebuild_path(const std::string& database) { return database + ".rebuild"; }

RebuildWriter::RebuildWriter(std::string database, std::unique_ptr<IndexTarget> building)
    : database_(std::move(database)), building_(std::move(building)) {}

StoredHashes RebuildWriter::stored_hashes() { return {}; }  // everything is written anew

void RebuildWriter::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                               std::vector<std::string>&& tags, ThreadPart part) {
    building_->put_thread(std::move(thread_id), std::move(answers), std::move(tags), part);
}

void RebuildWriter::delete_thread(std::string thread_id) { building_->delete_thread(std::move(thread_id)); }

void RebuildWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    building_->add_synonym_group(group, all_pairs);
}

WriteCounts RebuildWriter::finish(bool complete) {
    WriteCounts counts = building_->finish(complete);
    building_.reset();  // every database closed before the swap
    if (complete) swap_in_rebuilt(database_);
    return counts;
}

}  // namespace qadex
