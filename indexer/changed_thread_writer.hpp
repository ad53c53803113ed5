// The writer's side of a run: each analysed thread goes to the IndexTarget
// unless the database already holds it unchanged (content_hash.hpp). The
// workers skipped building the threads whose stored hash matched, and the
// reader skipped reading the page files whose signature matched; the final
// say is here, in input order (change_filter.hpp), and the rare thread that
// must be written after all is read or built here.
#pragma once

#include <optional>

#include "change_filter.hpp"
#include "document_builder.hpp"
#include "index_target.hpp"
#include "parallel_analysis.hpp"

namespace qadex {

class ChangedThreadWriter {
public:
    // `stored` empty (a new database, --force): every thread is written.
    ChangedThreadWriter(IndexTarget& target, StoredHashes stored, bool spelling);

    // What the workers compare with (nullptr when nothing is stored).
    const StoredHashes* stored() const { return filter_.stored().empty() ? nullptr : &filter_.stored(); }

    // Writes the thread, or returns false when it is unchanged. Throws
    // InputError when an unread page must be read after all and cannot be.
    bool store(AnalysedRecord& record);

private:
    ChangeFilter filter_;
    IndexTarget& target_;
    bool spelling_;
    std::optional<DocumentBuilder> builder_;  // made on first use: almost never needed
};

}  // namespace qadex
