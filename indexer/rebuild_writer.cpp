// Building beside the database and swapping in (see rebuild_writer.hpp).
#include "rebuild_writer.hpp"

#include <cstdio>  // renameat2
#include <fcntl.h>
#include <filesystem>

#include <xapian.h>

#include "owned_paths.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

// The old database, moved aside by the swap. It was found to be a qadex
// database (or a damaged one) before the build (write_paths.cpp); anything
// else stays.
void remove_old_database(const fs::path& path) {
    std::error_code ec;
    if (fs::is_symlink(path, ec)) fs::remove(path);  // the operator's link: what it points to stays
    else if (database_owner(path) != PathOwner::foreign) fs::remove_all(path);
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

std::string lowercase_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

// Why the exception in flight stopped the build: the system's reason when
// there is one ("no space left on device"), else the message.
std::string current_failure() {
    try {
        throw;
    } catch (const Xapian::Error& e) {
        if (const char* reason = e.get_error_string()) return lowercase_first(reason);
        return e.get_description();
    } catch (const fs::filesystem_error& e) {
        return lowercase_first(e.code().message());
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

std::string rebuild_path(const std::string& database) { return database + ".rebuild"; }

RebuildWriter::RebuildWriter(std::string database, Purpose purpose,
                             const std::function<std::unique_ptr<IndexTarget>(const std::string&)>& open_building)
    : database_(std::move(database)), purpose_(purpose) {
    try {
        building_ = open_building(rebuild_path(database_));
    } catch (...) {
        abandon_after_failure();
    }
}

RebuildWriter::~RebuildWriter() {
    if (building_) remove_building();
}

void RebuildWriter::remove_building() {
    building_.reset();  // closes its databases, abandoning what is not committed
    // The run's own temporaries, made while it holds the build lock.
    std::error_code ec;
    const std::string path = rebuild_path(database_);
    for (const std::string& p : {path, path + ".shards", path + ".merging"}) fs::remove_all(p, ec);
}

void RebuildWriter::abandon_after_failure() {
    const std::string reason = current_failure();
    remove_building();
    if (purpose_ == Purpose::replace)
        throw RebuildAbandonedError("rebuild abandoned: " + reason + "; '" + database_ + "' is unchanged");
    throw RebuildAbandonedError("build abandoned: " + reason + "; '" + database_ + "' was not created");
}

StoredHashes RebuildWriter::stored_hashes() { return {}; }  // everything is written anew

void RebuildWriter::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                               std::vector<std::string>&& tags, ThreadPart part) {
    try {
        building_->put_thread(std::move(thread_id), std::move(answers), std::move(tags), part);
    } catch (...) {
        abandon_after_failure();
    }
}

void RebuildWriter::delete_thread(std::string thread_id) {
    try {
        building_->delete_thread(std::move(thread_id));
    } catch (...) {
        abandon_after_failure();
    }
}

void RebuildWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    try {
        building_->add_synonym_group(group, all_pairs);
    } catch (...) {
        abandon_after_failure();
    }
}

WriteCounts RebuildWriter::finish(bool complete) {
    if (!complete && purpose_ == Purpose::replace) {
        remove_building();
        return {};
    }
    WriteCounts counts;
    try {
        counts = building_->finish(complete);
        building_.reset();  // every database closed before the swap
    } catch (...) {
        abandon_after_failure();
    }
    swap_in_rebuilt(database_);
    return counts;
}

}  // namespace qadex
