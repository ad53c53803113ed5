// Reading the stored content hashes (see stored_hashes.hpp).
#include "stored_hashes.hpp"

#include <algorithm>

#include <qadex/schema.hpp>

#include "content_hash.hpp"

namespace qadex {

namespace {

// The value of `slot` at `docid` from a value stream read in document order.
std::optional<std::string> value_at(Xapian::ValueIterator& it, const Xapian::ValueIterator& end, Xapian::docid docid) {
    if (it == end) return std::nullopt;
    if (it.get_docid() < docid) it.skip_to(docid);
    if (it == end || it.get_docid() != docid) return std::nullopt;
    return *it;
}

}  // namespace

void StoredHashes::add_from(const Xapian::Database& db) {
    // Value streams in document order: no posting list or document reads.
    namespace slot = schema::slot;
    auto ids = db.valuestream_begin(slot::thread_id), ids_end = db.valuestream_end(slot::thread_id);
    auto files = db.valuestream_begin(slot::source_file), files_end = db.valuestream_end(slot::source_file);
    for (auto it = db.valuestream_begin(slot::content_hash); it != db.valuestream_end(slot::content_hash); ++it) {
        auto hash = decode_content_hash(*it);
        auto id = value_at(ids, ids_end, it.get_docid());
        if (!hash || !id) continue;
        const std::uint64_t key = thread_key(*id);
        entries_.emplace_back(key, *hash);
        if (auto file = value_at(files, files_end, it.get_docid()))
            if (auto signature = decode_content_hash(*file)) pages_.push_back(PageFile{*signature, key, *hash, 1});
    }
    std::sort(entries_.begin(), entries_.end());
    entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
    // One entry per page file, counting its answers.
    std::sort(pages_.begin(), pages_.end());
    std::vector<PageFile> pages;
    for (const PageFile& p : pages_) {
        if (!pages.empty() && pages.back().signature == p.signature && pages.back().thread_key == p.thread_key &&
            pages.back().content_hash == p.content_hash)
            pages.back().answers += p.answers;
        else
            pages.push_back(p);
    }
    pages_ = std::move(pages);
}

std::optional<std::uint64_t> StoredHashes::find(std::string_view thread_id) const {
    return find_key(thread_key(thread_id));
}

std::optional<std::uint64_t> StoredHashes::find_key(std::uint64_t key) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), std::pair<std::uint64_t, std::uint64_t>(key, 0));
    if (it == entries_.end() || it->first != key) return std::nullopt;
    return it->second;
}

const StoredHashes::PageFile* StoredHashes::find_page(std::uint64_t signature) const {
    auto it = std::lower_bound(pages_.begin(), pages_.end(), PageFile{signature, 0, 0, 0});
    if (it == pages_.end() || it->signature != signature) return nullptr;
    // A signature held by two threads (one page indexed under two roots) is not trusted.
    if (std::next(it) != pages_.end() && std::next(it)->signature == signature) return nullptr;
    return &*it;
}

}  // namespace qadex
