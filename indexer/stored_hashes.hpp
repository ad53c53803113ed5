// The content hashes a database holds (schema::slot::content_hash, on every
// answer of a thread), read once before a run writes: the analysis workers
// compare each parsed thread with it and skip building the unchanged ones.
// Keyed by a 64-bit hash of the thread id (16 bytes a thread): a key shared
// by two threads only costs a needless rewrite, since the content hash covers
// the id and cannot match the other thread's.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace qadex {

class StoredHashes {
public:
    // Adds the hashes of `db`'s answers (answers written without one are left out).
    void add_from(const Xapian::Database& db);
    // The stored hash of the thread, if any.
    std::optional<std::uint64_t> find(std::string_view thread_id) const;
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }

private:
    std::vector<std::pair<std::uint64_t, std::uint64_t>> entries_;  // (thread key, content hash), sorted
};

}  // namespace qadex
