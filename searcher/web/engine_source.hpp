// Where a web request's search engine comes from. qadex.cgi opens the
// database for its one request; qadex.fcgi keeps it open across requests
// (web/persistent_engine.hpp). The handler is the same for both.
#pragma once

#include <optional>
#include <string>

#include "engine/search_engine.hpp"

namespace qadex {

class EngineSource {
public:
    virtual ~EngineSource() = default;
    // The engine for the request in progress, opened on first use (a request
    // that needs no database never opens it). Throws DatabaseMissingError
    // (also when no database is configured), SchemaMismatchError,
    // ShardUnavailableError, Xapian::Error.
    virtual SearchEngine& engine() = 0;
    // The request failed on a database error: the engine it used is not to
    // be trusted for the next one.
    virtual void discard() = 0;
};

// Opens the database at `path` on first use, for this object's lifetime
// (one CGI request). An empty path means not configured.
class OpenOnDemand : public EngineSource {
public:
    explicit OpenOnDemand(std::string path) : path_(std::move(path)) {}
    SearchEngine& engine() override;
    void discard() override { engine_.reset(); }

private:
    std::string path_;
    std::optional<SearchEngine> engine_;
};

// The engine of an empty path: throws DatabaseMissingError saying that the
// server's configuration lacks it.
[[noreturn]] void throw_database_not_configured();

}  // namespace qadex
