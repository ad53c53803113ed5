// What qadex-index may replace or delete (see owned_paths.hpp).
#include "owned_paths.hpp"

#include <algorithm>

#include <xapian.h>

#include <qadex/database_check.hpp>
#include <qadex/schema.hpp>

namespace qadex {

namespace fs = std::filesystem;

namespace {

// The files Xapian's glass backend writes in a database directory, also
// while committing (v.tmp) or compacting (*.tmp).
bool is_xapian_file_name(const std::string& name) {
    return name == "iamglass" || name == "flintlock" || name.ends_with(".glass") || name.ends_with(".tmp") ||
           name.starts_with("changes");
}

// The parts of a sharded index or of a parallel build ("lexicon",
// "shard-N"), and what compacting one leaves ("shard-N.compact", ".old").
bool is_part_name(std::string name, bool& leftover) {
    leftover = false;
    for (std::string suffix : {".compact", ".old"})
        if (name.ends_with(suffix)) {
            name.resize(name.size() - suffix.size());
            leftover = true;
        }
    if (name == "lexicon") return true;
    if (!name.starts_with("shard-") || name.size() == 6) return false;
    return std::all_of(name.begin() + 6, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_plain_directory(const fs::directory_entry& e) {
    std::error_code ec;
    return !e.is_symlink(ec) && e.is_directory(ec);
}

bool is_plain_file(const fs::directory_entry& e) {
    std::error_code ec;
    return !e.is_symlink(ec) && e.is_regular_file(ec);
}

// Entries of `dir`; false when it cannot be read (then nothing is ours).
bool list(const fs::path& dir, std::vector<fs::directory_entry>& out) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(*it);
    return !ec;
}

bool only_xapian_files(const std::vector<fs::directory_entry>& entries) {
    return std::all_of(entries.begin(), entries.end(), [](const fs::directory_entry& e) {
        return is_plain_file(e) && is_xapian_file_name(e.path().filename().string());
    });
}

// One Xapian database directory. `half_written`: a killed run's, which may
// not open at all; a database that opens must still be a qadex one.
PathOwner database_directory_owner(const fs::path& dir, bool half_written) {
    std::vector<fs::directory_entry> entries;
    if (!list(dir, entries) || !only_xapian_files(entries)) return PathOwner::foreign;
    std::error_code ec;
    if (entries.empty() || !fs::exists(dir / "iamglass", ec))
        return half_written ? PathOwner::ours : PathOwner::foreign;
    try {
        Xapian::Database db(dir.string());
        if (!db.get_metadata(schema::metadata::schema_version).empty()) return PathOwner::ours;
        const bool blank = db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end();
        return blank ? PathOwner::ours : PathOwner::foreign;
    } catch (const Xapian::Error& e) {
        if (half_written) return PathOwner::ours;
        // Xapian's files only, which do not read: what --rebuild is for.
        return is_damage(e) ? PathOwner::damaged : PathOwner::foreign;
    }
}

// A sharded index (its stub XAPIANDB and parts) or a parallel build's
// shards directory: only parts, each a qadex database.
PathOwner parts_directory_owner(const std::vector<fs::directory_entry>& entries, bool half_written) {
    bool stub = false, damaged = false;
    for (const auto& e : entries) {
        const std::string name = e.path().filename().string();
        if ((name == "XAPIANDB" || name == "XAPIANDB.tmp") && is_plain_file(e)) {
            stub = stub || name == "XAPIANDB";
            continue;
        }
        bool leftover = false;
        if (!is_plain_directory(e) || !is_part_name(name, leftover)) return PathOwner::foreign;
        const PathOwner part = database_directory_owner(e.path(), half_written || leftover);
        if (part == PathOwner::foreign) return PathOwner::foreign;
        damaged = damaged || part == PathOwner::damaged;
    }
    if (!stub && !half_written) return PathOwner::foreign;
    return damaged ? PathOwner::damaged : PathOwner::ours;
}

PathOwner owner(const fs::path& path, bool half_written) {
    std::vector<fs::directory_entry> entries;
    if (!list(path, entries)) return PathOwner::foreign;
    if (entries.empty()) return PathOwner::ours;  // nothing in it to lose
    if (only_xapian_files(entries)) return database_directory_owner(path, half_written);
    return parts_directory_owner(entries, half_written);
}

}  // namespace

PathOwner database_owner(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);  // a link to the database is the database
    if (!fs::exists(status)) return ec && ec != std::errc::no_such_file_or_directory ? PathOwner::foreign : PathOwner::absent;
    if (!fs::is_directory(status)) return PathOwner::foreign;
    return owner(path, false);
}

PathOwner temporary_owner(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::symlink_status(path, ec);  // never ours: the indexer makes no links
    if (!fs::exists(status)) return ec && ec != std::errc::no_such_file_or_directory ? PathOwner::foreign : PathOwner::absent;
    if (!fs::is_directory(status)) return PathOwner::foreign;
    return owner(path, true);
}

void require_ours(const fs::path& path) {
    if (temporary_owner(path) == PathOwner::foreign)
        throw NotOursError("'" + path.string() + "' exists and was not left by qadex-index; refusing to delete it "
                           "(move it away and run again)");
}

void remove_leftover(const fs::path& path) {
    require_ours(path);
    fs::remove_all(path);
}

}  // namespace qadex
