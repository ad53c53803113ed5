// Opening an index, single or sharded, for searching (see database_open.hpp).
#include <qadex/database_open.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include <qadex/database_location.hpp>
#include <qadex/schema.hpp>
#include <qadex/stub_file.hpp>

namespace qadex {

namespace fs = std::filesystem;

namespace {

std::string seconds_text(std::chrono::milliseconds ms) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g s", static_cast<double>(ms.count()) / 1000.0);
    return buffer;
}

Xapian::Database open_entry(const StubEntry& e, const DatabaseOpenOptions& options) {
    const auto ms = static_cast<useconds_t>(options.remote_timeout.count());
    switch (e.kind) {
        case StubEntry::Kind::remote_tcp: return Xapian::Remote::open(e.host, e.port, ms, ms);
        case StubEntry::Kind::remote_program: return Xapian::Remote::open(e.program, e.args, ms);
        case StubEntry::Kind::inmemory: return Xapian::Database(std::string(), Xapian::DB_BACKEND_INMEMORY);
        case StubEntry::Kind::local: break;
    }
    std::error_code ec;
    if (!fs::exists(e.path, ec)) throw Xapian::DatabaseNotFoundError("no database at '" + e.path + "'");
    return Xapian::Database(e.path, e.backend == "glass" ? Xapian::DB_BACKEND_GLASS : 0);
}

// "K/N" -> {K, N}; nullopt for anything else.
std::optional<std::pair<unsigned, unsigned>> parse_shard(const std::string& text) {
    unsigned k = 0, n = 0;
    const char* end = text.data() + text.size();
    auto [slash, e1] = std::from_chars(text.data(), end, k);
    if (e1 != std::errc() || slash == end || *slash != '/') return std::nullopt;
    auto [rest, e2] = std::from_chars(slash + 1, end, n);
    if (e2 != std::errc() || rest != end || n == 0 || k >= n) return std::nullopt;
    return std::pair{k, n};
}

// The qadex shards a stub lists must be all of one index, each once: a
// missing shard would silently drop answers, a doubled one count them twice.
void check_shard_set(const std::string& stub, const std::map<unsigned, std::vector<std::string>>& found,
                     unsigned count) {
    std::string problems;
    for (unsigned k = 0; k < count; ++k) {
        auto it = found.find(k);
        if (it == found.end()) problems += "; shard " + std::to_string(k) + " is missing";
        else if (it->second.size() > 1) problems += "; shard " + std::to_string(k) + " is listed twice";
    }
    if (!problems.empty())
        throw FatalError("'" + stub + "' does not list the " + std::to_string(count) + " shards of one index" + problems);
}

}  // namespace

std::chrono::milliseconds parse_timeout_seconds(const std::string& text) {
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
        throw FatalError("the remote timeout must be a number of seconds above 0 and at most 3600, not '" + text + "'");
    return std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000)));
}

DatabaseOpenOptions DatabaseOpenOptions::from_environment() {
    DatabaseOpenOptions o;
    if (const char* t = std::getenv("QADEX_REMOTE_TIMEOUT"); t && *t) {
        try {
            o.remote_timeout = parse_timeout_seconds(t);
        } catch (const FatalError& e) {
            throw FatalError(std::string("QADEX_REMOTE_TIMEOUT: ") + e.what());
        }
    }
    return o;
}

std::string shard_failure_message(const Xapian::NetworkError& e, bool timed_out, const DatabaseOpenOptions& options) {
    std::string m = e.get_msg();
    if (!e.get_context().empty()) m += " (" + e.get_context() + ")";
    if (timed_out)
        m += ": no answer within the remote timeout of " + seconds_text(options.remote_timeout) +
             " (--timeout, QADEX_REMOTE_TIMEOUT)";
    if (e.get_error_string()) m += std::string(": ") + e.get_error_string();
    return m;
}

OpenedDatabase open_search_database(const std::string& path, const DatabaseOpenOptions& options) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw DatabaseMissingError("no database at '" + path + "'");
    OpenedDatabase out;
    const fs::path stub = stub_file_of(path);
    if (stub.empty()) {  // one database
        for (int attempt = 0;; ++attempt) {
            try {
                out.db = Xapian::Database(path);
                check_schema(out.db, path);
                return out;
            } catch (const Xapian::DatabaseNotFoundError& e) {
                throw DatabaseMissingError("'" + path + "' is not a qadex database: " + e.get_msg());
            } catch (const Xapian::DatabaseOpeningError& e) {
                throw DatabaseMissingError("cannot open database '" + path + "': " + e.get_msg());
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= 5) throw;  // the indexer committed twice while this opened
            } catch (const Xapian::DatabaseCorruptError&) {
                // The same race as glass may report it ("Expected block N to
                // be level 1"): open again. Damage that stays is real.
                if (attempt >= 5) throw;
            }
        }
    }

    std::vector<StubEntry> entries;
    try {
        entries = read_stub_file(stub);
    } catch (const FatalError& e) {  // a text file that is no stub: unreadable, as Xapian says of it
        std::string message = "not a database or a stub database file: ";
        message += e.what();
        throw DatabaseMissingError(message);
    }
    if (entries.empty()) throw DatabaseMissingError("the stub database '" + stub.string() + "' lists no databases");
    std::map<unsigned, std::vector<std::string>> shards;
    unsigned shard_count = 0;
    out.shards = entries.size();
    for (const StubEntry& e : entries) {
        std::string where = "'";  // appended piecewise: GCC 12 misreads "'" + string (-Wrestrict)
        where += e.describe();
        where += "' (" + stub.string() + ":" + std::to_string(e.line) + ")";
        const bool remote = e.kind == StubEntry::Kind::remote_tcp || e.kind == StubEntry::Kind::remote_program;
        if (remote) ++out.remote_shards;
        Xapian::Database part;
        try {
            part = open_entry(e, options);
            check_schema(part, e.describe());
            const std::string id = part.get_metadata(schema::metadata::shard);
            if (!id.empty()) {
                auto k_n = parse_shard(id);
                if (!k_n) throw SchemaMismatchError(where + " has a bad shard number '" + id + "'");
                if (shard_count != 0 && shard_count != k_n->second)
                    throw FatalError("'" + stub.string() + "' mixes shards of indexes split " +
                                     std::to_string(shard_count) + " and " + std::to_string(k_n->second) + " ways");
                shard_count = k_n->second;
                shards[k_n->first].push_back(where);
            }
        } catch (const Xapian::NetworkTimeoutError& x) {
            throw ShardUnavailableError("shard " + where + " is unavailable: " + shard_failure_message(x, true, options),
                                        where);
        } catch (const Xapian::NetworkError& x) {
            throw ShardUnavailableError("shard " + where + " is unavailable: " + shard_failure_message(x, false, options),
                                        where);
        } catch (const Xapian::DatabaseNotFoundError& x) {
            throw DatabaseMissingError("shard " + where + ": " + x.get_msg());
        } catch (const Xapian::DatabaseOpeningError& x) {
            throw DatabaseMissingError("cannot open shard " + where + ": " + x.get_msg());
        }
        out.db.add_database(part);
    }
    if (shard_count != 0) check_shard_set(stub.string(), shards, shard_count);
    return out;
}

}  // namespace qadex
