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
    // What the database holds of a page file with a known signature (file_signature.hpp).
    struct PageFile {
        std::uint64_t signature = 0, thread_key = 0, content_hash = 0;
        std::uint32_t answers = 0;
        auto operator<=>(const PageFile&) const = default;
    };

    // Adds the hashes of `db`'s answers (answers written without one are left out).
    void add_from(const Xapian::Database& db);
    // The stored hash of the thread (by id, or by its thread_key()), if any.
    std::optional<std::uint64_t> find(std::string_view thread_id) const;
    std::optional<std::uint64_t> find_key(std::uint64_t thread_key) const;
    // The page file last indexed with this signature, if any.
    const PageFile* find_page(std::uint64_t signature) const;
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }

private:
    std::vector<std::pair<std::uint64_t, std::uint64_t>> entries_;  // (thread key, content hash), sorted
    std::vector<PageFile> pages_;                                   // sorted by signature
};

}  // namespace qadex
