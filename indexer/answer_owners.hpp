// Which thread each answer id belongs to. An answer id is the index's unique
// key: a second thread giving an answer the id of another thread's answer
// would silently take that answer away from it (or, in a parallel build,
// leave two documents with one key). Such a thread is refused instead, and
// the first keeps its answers; a thread replacing its own answers, or taking
// an id that the thread holding it has given up in this run, is fine.
//
// What this run has written is kept here, compactly: an entry per answer (a
// 64-bit hash of its id and the thread's number: 12 bytes a slot, 24 MB for
// a million answers) and per thread (its id, and 12 bytes of table). What
// the database held before the run comes from `stored`, asked only for ids
// the run has not written. A 64-bit hash shared by two answer
// ids (about 1 in 10^7 runs of a million answers) would refuse a good thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qadex {

class AnswerOwners {
public:
    // The thread holding an answer id in the database, if any (IndexTarget::thread_holding).
    using StoredLookup = std::function<std::optional<std::string>(const std::string& answer_id)>;

    struct Conflict {
        std::string answer_id, owner;  // owner: the thread id holding it
    };

    explicit AnswerOwners(StoredLookup stored = {});

    // The first of `answer_ids` that belongs to a thread other than
    // `thread_id`, as this run has written it, or (for a thread this run has
    // not written) as the database holds it.
    std::optional<Conflict> conflict(std::string_view thread_id, const std::vector<std::string_view>& answer_ids) const;

    // Records that `thread_id` is written now with exactly these answers
    // (its answers from an earlier version of this run no longer count).
    void claim(std::string_view thread_id, const std::vector<std::string_view>& answer_ids);

    std::size_t answers() const { return answer_count_; }

private:
    static constexpr std::uint32_t none = 0xffffffffu;
    // The current entry of a thread id, or none.
    std::uint32_t current_thread(std::string_view thread_id) const;
    std::string_view thread_name(std::uint32_t index) const;
    bool superseded(std::uint32_t index) const { return (threads_[index] & superseded_bit) != 0; }
    // Open addressing (linear probing) on hashes.
    std::size_t answer_slot(std::uint64_t key) const;
    std::size_t thread_slot(std::string_view thread_id) const;
    std::uint32_t store_name(std::string_view thread_id);
    void grow_answers();
    void grow_threads();

    StoredLookup stored_;
    // Threads in the order they were written: where the id is in `names_`,
    // with superseded_bit once the thread was written again (the answers of
    // its old entry stop counting). Ids are kept after their 4-byte length in
    // blocks, which never move (a growing string would briefly need 3 times its size).
    static constexpr std::uint32_t superseded_bit = 0x80000000u;
    static constexpr unsigned block_bits = 20;  // 1 MiB blocks; a longer id gets a block of its own
    std::vector<std::uint32_t> threads_;         // block index << block_bits | offset, and the bit
    std::vector<std::unique_ptr<char[]>> names_;
    std::size_t block_used_ = std::size_t(1) << block_bits;  // of the last block: full, so the first id opens one
    std::vector<std::uint32_t> thread_table_;    // index into threads_ (current entries), or none
    // Answer id hash (0: empty slot) and the index of its thread's entry.
    std::vector<std::uint64_t> answer_keys_;
    std::vector<std::uint32_t> answer_threads_;
    std::size_t answer_count_ = 0, thread_count_ = 0;
};

}  // namespace qadex
