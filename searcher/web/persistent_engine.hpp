// The engine of a long-lived web process (qadex.fcgi): the database stays
// open between requests, and before each one a cheap check (one stat, and
// Xapian's reopen(), which reads one small file) finds what changed:
//
//   a new revision committed by the indexer    reopen() moves to it
//   the database replaced (qadex-index --rebuild swaps in another
//   directory), or deleted                      the old one is closed; the
//                                               next use opens what is there
//                                               (503 while nothing is)
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>

#include "web/engine_source.hpp"

namespace qadex {

class PersistentEngine : public EngineSource {
public:
    // `result_cache_bytes`: SearchEngine::keep_recent_results of each engine opened.
    explicit PersistentEngine(std::string path, std::size_t result_cache_bytes = 0)
        : path_(std::move(path)), result_cache_bytes_(result_cache_bytes) {}
    ~PersistentEngine() override;
    PersistentEngine(const PersistentEngine&) = delete;
    PersistentEngine& operator=(const PersistentEngine&) = delete;

    // Before each request: follows the database on disk as above. Never
    // throws; a failure closes the engine and the request's engine() says why.
    void refresh();
    SearchEngine& engine() override;
    void discard() override;

private:
    std::string path_;
    std::size_t result_cache_bytes_ = 0;
    std::optional<SearchEngine> engine_;
    // Holds the opened directory (or stub file) open, so that its inode
    // cannot be reused by a later rebuild while we compare against it.
    int pinned_fd_ = -1;
    dev_t device_ = 0;
    ino_t inode_ = 0;
};

}  // namespace qadex
