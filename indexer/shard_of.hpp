// Which shard a thread goes to. Both shard-related writers route by it: the
// parallel build (so every version of a thread meets in one shard, where the
// later one replaces the earlier) and a sharded index (where updates and
// deletions must find the thread again, on any later run and machine).
#pragma once

#include <cstdint>
#include <string_view>

namespace qadex {

// FNV-1a of the thread id modulo the shard count. Never change it: sharded
// indexes on disk were split by it (docs/SCALING.md).
inline std::uint32_t shard_of(std::string_view thread_id, std::uint32_t shard_count) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : thread_id) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return static_cast<std::uint32_t>(hash % shard_count);
}

}  // namespace qadex
