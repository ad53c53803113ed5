// What a run changed, as its summary line reports it.
#pragma once

#include <cstdint>

namespace qadex {

struct WriteCounts {
    std::uint64_t threads_added = 0, threads_replaced = 0, threads_deleted = 0;
    std::uint64_t answers_added = 0, answers_replaced = 0, answers_deleted = 0;
    std::uint64_t threads_not_found = 0;  // --delete of an id the index does not hold

    // Sums the counts of several databases written in one run.
    WriteCounts& operator+=(const WriteCounts& o) {
        threads_added += o.threads_added;
        threads_replaced += o.threads_replaced;
        threads_deleted += o.threads_deleted;
        answers_added += o.answers_added;
        answers_replaced += o.answers_replaced;
        answers_deleted += o.answers_deleted;
        threads_not_found += o.threads_not_found;
        return *this;
    }
};

}  // namespace qadex
