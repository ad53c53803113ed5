// Deciding which threads are unchanged (see change_filter.hpp).
#include "change_filter.hpp"

#include "content_hash.hpp"

namespace qadex {

bool ChangeFilter::unchanged(std::string_view thread_id, std::uint64_t hash) const {
    if (stored_.empty()) return false;
    if (auto it = rewritten_.find(thread_key(thread_id)); it != rewritten_.end()) return it->second == hash;
    return stored_.find(thread_id) == hash;
}

void ChangeFilter::written(std::string_view thread_id, std::uint64_t hash) {
    if (stored_.find(thread_id)) rewritten_[thread_key(thread_id)] = hash;
}

}  // namespace qadex
