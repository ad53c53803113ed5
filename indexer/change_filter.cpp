// Deciding which threads are unchanged (see change_filter.hpp).
#include "change_filter.hpp"

namespace qadex {

bool ChangeFilter::unchanged(std::uint64_t thread_key, std::uint64_t hash) const {
    if (stored_.empty()) return false;
    if (auto it = rewritten_.find(thread_key); it != rewritten_.end()) return it->second == hash;
    return stored_.find_key(thread_key) == hash;
}

void ChangeFilter::written(std::uint64_t thread_key, std::uint64_t hash) {
    if (stored_.find_key(thread_key)) rewritten_[thread_key] = hash;
}

}  // namespace qadex
