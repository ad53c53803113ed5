// The engine of a long-lived web process (qadex.fcgi): the database stays
// open between requests and follows what happens to it on disk, as the
// engine of qadex-search --batch and of the interactive session does
// (engine/following_engine.hpp): the indexer's commits are picked up, a
// database replaced by qadex-index --rebuild (or deleted and indexed again,
// or moved) is opened afresh, and while none is there requests get a 503.
#pragma once

#include <cstddef>
#include <string>

#include "engine/following_engine.hpp"
#include "web/engine_source.hpp"

namespace qadex {

class PersistentEngine : public EngineSource {
public:
    // `result_cache_bytes`: SearchEngine::keep_recent_results of each engine opened.
    explicit PersistentEngine(std::string path, std::size_t result_cache_bytes = 0)
        : following_(std::move(path), {}, std::nullopt, result_cache_bytes) {}

    // Before each request. Never throws; a failure closes the engine and
    // the request's engine() says why.
    void refresh() noexcept { following_.refresh(); }
    SearchEngine& engine() override;
    void discard() override { following_.discard(); }
    const std::string& path() const { return following_.path(); }

private:
    FollowingEngine following_;
};

}  // namespace qadex
