// Opening a qadex index for searching: one database, or a Xapian stub that
// lists shards, on local disk or served by xapian-tcpsrv, searched as one
// (Xapian combines the ranking statistics of all of them). docs/SCALING.md.
#pragma once

#include <chrono>
#include <string>

#include <xapian.h>

#include <qadex/error.hpp>

namespace qadex {

// A remote shard did not answer: its server is down, unreachable or slower
// than the timeout. exit_code::shard_unavailable; the CGI answers 503.
class ShardUnavailableError : public FatalError {
public:
    using FatalError::FatalError;
    ShardUnavailableError(const std::string& message, std::string shard)
        : FatalError(message), shard_(std::move(shard)) {}
    // The shard at fault as the stub names it ("'remote 10.0.0.2:33333'
    // (STUB:3)"); empty when not known.
    const std::string& shard() const noexcept { return shard_; }

private:
    std::string shard_;
};

struct DatabaseOpenOptions {
    // Longest wait for a remote shard to connect or to answer one message.
    std::chrono::milliseconds remote_timeout{5000};

    // The defaults, with $QADEX_REMOTE_TIMEOUT (seconds, e.g. "2.5") if set.
    // Throws FatalError for a value that is not a positive number.
    static DatabaseOpenOptions from_environment();
};

// "2.5" -> 2500 ms. Throws FatalError unless 0 < seconds <= 3600.
std::chrono::milliseconds parse_timeout_seconds(const std::string& text);

struct OpenedDatabase {
    Xapian::Database db;
    std::size_t shards = 1;         // databases searched as one (a stub's lines)
    std::size_t remote_shards = 0;  // of which served by xapian-tcpsrv or a program
};

// Opens `path` read-only and checks every part's schema version; for a stub
// also that the qadex shards it lists are all there, each once. Throws
// DatabaseMissingError, SchemaMismatchError, ShardUnavailableError or
// FatalError (a bad stub line, shards missing or listed twice).
OpenedDatabase open_search_database(const std::string& path, const DatabaseOpenOptions& options);

// What a Xapian::NetworkError from a remote shard means, to print; names
// the timeout when it ran out.
// (Xapian's exceptions are not polymorphic: the caller says which it caught.)
std::string shard_failure_message(const Xapian::NetworkError& e, bool timed_out, const DatabaseOpenOptions& options);

}  // namespace qadex
