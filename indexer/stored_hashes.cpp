// Reading the stored content hashes (see stored_hashes.hpp).
#include "stored_hashes.hpp"

#include <algorithm>

#include <qadex/schema.hpp>

#include "content_hash.hpp"

namespace qadex {

void StoredHashes::add_from(const Xapian::Database& db) {
    // Two value streams in document order: no posting list or document reads.
    auto ids = db.valuestream_begin(schema::slot::thread_id);
    const auto ids_end = db.valuestream_end(schema::slot::thread_id);
    for (auto it = db.valuestream_begin(schema::slot::content_hash); it != db.valuestream_end(schema::slot::content_hash);
         ++it) {
        auto hash = decode_content_hash(*it);
        if (!hash) continue;
        if (ids == ids_end) break;
        ids.skip_to(it.get_docid());
        if (ids == ids_end) break;
        if (ids.get_docid() != it.get_docid()) continue;
        entries_.emplace_back(thread_key(*ids), *hash);
    }
    std::sort(entries_.begin(), entries_.end());
    entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
}

std::optional<std::uint64_t> StoredHashes::find(std::string_view thread_id) const {
    const std::uint64_t key = thread_key(thread_id);
    auto it = std::lower_bound(entries_.begin(), entries_.end(), std::pair<std::uint64_t, std::uint64_t>(key, 0));
    if (it == entries_.end() || it->first != key) return std::nullopt;
    return it->second;
}

}  // namespace qadex
