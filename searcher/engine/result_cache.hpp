// Recent search results of one open database, for a process that answers
// many requests (qadex.fcgi). The same question asked again (the next
// visitor, the back button, the result page after a facet click) is
// answered without matching again, as Solr's queryResultCache and
// Elasticsearch's request cache do. Every entry belongs to one revision of
// the database: a commit by the indexer makes them all stale, and they are
// dropped. Least recently used entries go first once the cache holds
// `max_bytes` (an estimate of what the results occupy).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "engine/search_engine.hpp"

namespace qadex {

class ResultCache {
public:
    explicit ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // The result stored for `request` at `revision`, if any.
    std::optional<SearchResult> find(const SearchRequest& request, std::uint64_t revision);
    // Keeps `result` of `request` at `revision`; a new revision empties the cache first.
    void store(const SearchRequest& request, std::uint64_t revision, const SearchResult& result);

    std::size_t bytes() const { return bytes_; }
    std::size_t entries() const { return lru_.size(); }
    std::uint64_t hits() const { return hits_; }
    std::uint64_t misses() const { return misses_; }

private:
    struct Entry {
        std::string key;
        SearchResult result;
        std::size_t bytes = 0;
    };
    void drop_all();

    std::size_t max_bytes_;
    std::size_t bytes_ = 0;
    std::uint64_t revision_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

// Everything in a request that can change its result, as one string.
std::string result_cache_key(const SearchRequest& request);

// About how many bytes `result` occupies in memory.
std::size_t approximate_bytes(const SearchResult& result);

}  // namespace qadex
