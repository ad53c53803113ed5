// Creating and finding the parts of a sharded index (see sharded_index.hpp).
#include "sharded_index.hpp"

#include <filesystem>
#include <optional>

#include <xapian.h>

#include <qadex/database_check.hpp>
#include <qadex/database_location.hpp>
#include <qadex/schema.hpp>
#include <qadex/stub_file.hpp>

namespace qadex {

namespace fs = std::filesystem;

namespace {

constexpr const char* lexicon_name = "lexicon";

std::string shard_name(unsigned k) { return "shard-" + std::to_string(k); }

void create_part(const fs::path& path, const std::string& shard_id) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
    db.set_metadata(schema::metadata::schema_version, std::to_string(schema::version));
    if (!shard_id.empty()) db.set_metadata(schema::metadata::shard, shard_id);
    db.commit();
}

}  // namespace

bool is_sharded_index(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(fs::path(path) / "XAPIANDB", ec);
}

ShardedIndex create_sharded_index(const std::string& path, unsigned count) {
    const fs::path dir(path);
    fs::create_directories(dir);
    ShardedIndex index;
    std::vector<std::string> lines{std::string("auto ") + lexicon_name};
    create_part(dir / lexicon_name, "");
    index.lexicon = (dir / lexicon_name).string();
    for (unsigned k = 0; k < count; ++k) {
        create_part(dir / shard_name(k), std::to_string(k) + "/" + std::to_string(count));
        index.shards.push_back((dir / shard_name(k)).string());
        lines.push_back("auto " + shard_name(k));
    }
    // Written last: until it exists the directory is not a database at all.
    write_stub_file(dir / "XAPIANDB", lines,
                    "qadex sharded index: the lexicon (spelling, synonyms) and " + std::to_string(count) +
                        " shards.\nTo search remote shards, copy this file and replace each 'auto shard-K'\n"
                        "line with 'remote HOST:PORT' (docs/SCALING.md).");
    return index;
}

void compact_sharded_index(const ShardedIndex& index) {
    std::vector<std::string> parts = index.shards;
    parts.push_back(index.lexicon);
    for (const auto& part : parts) {
        const std::string compacted = part + ".compact", old = part + ".old";
        std::error_code ec;
        fs::remove_all(compacted, ec);
        Xapian::Database(part).compact(compacted);
        fs::rename(part, old);
        fs::rename(compacted, part);
        fs::remove_all(old, ec);
    }
}

ShardedIndex open_sharded_index(const std::string& path) {
    const fs::path stub = fs::path(path) / "XAPIANDB";
    ShardedIndex index;
    std::vector<std::optional<std::string>> shards;
    for (const StubEntry& e : read_stub_file(stub)) {
        if (e.kind != StubEntry::Kind::local)
            throw FatalError("'" + stub.string() + ":" + std::to_string(e.line) + "' lists '" + e.describe() +
                             "': qadex-index updates only shards on this machine's disk");
        check_database_readable(e.path);  // a damaged part is named before anything is written
        Xapian::Database db(e.path);
        check_schema(db, e.path);
        const std::string id = db.get_metadata(schema::metadata::shard);
        if (id.empty()) {
            if (!index.lexicon.empty() || db.get_doccount() != 0)
                throw FatalError("'" + e.path + "' in '" + stub.string() + "' is not a shard of this index");
            index.lexicon = e.path;
            continue;
        }
        const auto slash = id.find('/');
        unsigned k = 0, n = 0;
        try {
            k = static_cast<unsigned>(std::stoul(id.substr(0, slash)));
            n = static_cast<unsigned>(std::stoul(id.substr(slash + 1)));
        } catch (const std::exception&) {
            throw FatalError("'" + e.path + "' has a bad shard number '" + id + "'");
        }
        if (slash == std::string::npos || n == 0 || k >= n || (!shards.empty() && shards.size() != n))
            throw FatalError("'" + e.path + "' has shard number '" + id + "', which does not fit the other shards");
        shards.resize(n);
        if (shards[k]) throw FatalError("'" + stub.string() + "' lists shard " + std::to_string(k) + " twice");
        shards[k] = e.path;
    }
    for (std::size_t k = 0; k < shards.size(); ++k) {
        if (!shards[k]) throw FatalError("'" + stub.string() + "' does not list shard " + std::to_string(k));
        index.shards.push_back(*shards[k]);
    }
    if (index.shards.empty()) throw FatalError("'" + stub.string() + "' lists no shards");
    if (index.lexicon.empty()) throw FatalError("'" + stub.string() + "' lists no lexicon database");
    return index;
}

}  // namespace qadex
