// Answer id ownership (see answer_owners.hpp).
#include "answer_owners.hpp"

#include <cstring>
#include <stdexcept>

#include "content_hash.hpp"

namespace qadex {

namespace {

// FNV-1a of an id, never 0 (0 marks an empty slot).
std::uint64_t id_key(std::string_view id) {
    const std::uint64_t h = fnv1a64(id);
    return h == 0 ? 1 : h;
}

// FNV-1a's low bits follow the last bytes closely: mixed before they pick a slot.
std::size_t mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
}

constexpr std::size_t initial_slots = 1024;

// Grown past 3/4 full.
bool too_full(std::size_t count, std::size_t slots) { return 4 * (count + 1) > 3 * slots; }

}  // namespace

AnswerOwners::AnswerOwners(StoredLookup stored)
    : stored_(std::move(stored)), thread_table_(initial_slots, none), answer_keys_(initial_slots, 0),
      answer_threads_(initial_slots, none) {}

std::string_view AnswerOwners::thread_name(std::uint32_t index) const {
    const std::uint32_t where = threads_[index] & ~superseded_bit;
    const char* at = names_[where >> block_bits].get() + (where & ((1u << block_bits) - 1));
    std::uint32_t size = 0;
    std::memcpy(&size, at, sizeof size);
    return {at + sizeof size, size};
}

std::uint32_t AnswerOwners::store_name(std::string_view thread_id) {
    constexpr std::size_t block_size = std::size_t(1) << block_bits;
    const std::size_t need = sizeof(std::uint32_t) + thread_id.size();
    if (block_used_ + need > block_size) {
        if (names_.size() >= (superseded_bit >> block_bits)) throw std::length_error("too many thread ids in one run");
        names_.push_back(std::make_unique<char[]>(std::max(need, block_size)));
        block_used_ = 0;
    }
    char* at = names_.back().get() + block_used_;
    const auto size = static_cast<std::uint32_t>(thread_id.size());
    std::memcpy(at, &size, sizeof size);
    std::memcpy(at + sizeof size, thread_id.data(), thread_id.size());
    const auto where = static_cast<std::uint32_t>((names_.size() - 1) << block_bits | block_used_);
    block_used_ += need;
    return where;
}

std::size_t AnswerOwners::answer_slot(std::uint64_t key) const {
    const std::size_t mask = answer_keys_.size() - 1;
    std::size_t slot = mix(key) & mask;
    while (answer_keys_[slot] != 0 && answer_keys_[slot] != key) slot = (slot + 1) & mask;
    return slot;
}

std::size_t AnswerOwners::thread_slot(std::string_view thread_id) const {
    const std::size_t mask = thread_table_.size() - 1;
    std::size_t slot = mix(id_key(thread_id)) & mask;
    for (;; slot = (slot + 1) & mask) {
        const std::uint32_t index = thread_table_[slot];
        if (index == none || thread_name(index) == thread_id) return slot;
    }
}

std::uint32_t AnswerOwners::current_thread(std::string_view thread_id) const {
    return thread_table_[thread_slot(thread_id)];
}

std::optional<AnswerOwners::Conflict> AnswerOwners::conflict(std::string_view thread_id,
                                                             const std::vector<std::string_view>& answer_ids) const {
    for (std::string_view id : answer_ids) {
        const std::size_t slot = answer_slot(id_key(id));
        const std::uint32_t owner = answer_threads_[slot];
        if (answer_keys_[slot] != 0 && !superseded(owner)) {
            // This run wrote the id last with `owner`'s current version.
            if (thread_name(owner) == thread_id) continue;
            return Conflict{std::string(id), std::string(thread_name(owner))};
        }
        if (!stored_) continue;
        // Not held by anything this run wrote: the database's owner counts,
        // unless this run has rewritten that thread (its answers are then
        // those it was given in this run, and this id is not among them).
        std::optional<std::string> holder = stored_(std::string(id));
        if (!holder || *holder == thread_id) continue;
        if (current_thread(*holder) != none) continue;
        return Conflict{std::string(id), std::move(*holder)};
    }
    return std::nullopt;
}

void AnswerOwners::claim(std::string_view thread_id, const std::vector<std::string_view>& answer_ids) {
    if (too_full(thread_count_, thread_table_.size())) grow_threads();
    const std::size_t tslot = thread_slot(thread_id);
    if (threads_.size() >= none) throw std::length_error("too many threads in one run");
    const auto index = static_cast<std::uint32_t>(threads_.size());
    if (thread_table_[tslot] == none) ++thread_count_;
    else threads_[thread_table_[tslot]] |= superseded_bit;  // written again: its old answers stop counting
    threads_.push_back(store_name(thread_id));
    thread_table_[tslot] = index;
    for (std::string_view id : answer_ids) {
        if (too_full(answer_count_, answer_keys_.size())) grow_answers();
        const std::uint64_t key = id_key(id);
        const std::size_t slot = answer_slot(key);
        if (answer_keys_[slot] == 0) ++answer_count_;
        answer_keys_[slot] = key;
        answer_threads_[slot] = index;
    }
}

void AnswerOwners::grow_answers() {
    std::vector<std::uint64_t> keys(answer_keys_.size() * 2, 0);
    std::vector<std::uint32_t> threads(keys.size(), none);
    keys.swap(answer_keys_);
    threads.swap(answer_threads_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == 0) continue;
        const std::size_t slot = answer_slot(keys[i]);
        answer_keys_[slot] = keys[i];
        answer_threads_[slot] = threads[i];
    }
}

void AnswerOwners::grow_threads() {
    std::vector<std::uint32_t> table(thread_table_.size() * 2, none);
    table.swap(thread_table_);
    for (std::uint32_t index : table)
        if (index != none) thread_table_[thread_slot(thread_name(index))] = index;
}

}  // namespace qadex
