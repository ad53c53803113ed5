// The writer's side of a run: each analysed thread goes to the IndexTarget
// unless the database already holds it unchanged (content_hash.hpp) or one
// of its answer ids belongs to another thread (answer_owners.hpp). The
// workers skipped building the threads whose stored hash matched, and the
// reader skipped reading the page files whose signature matched; the final
// say is here, in input order (change_filter.hpp), and the rare thread that
// must be written after all is read or built here, as is a thread too large
// for the workers to hold as documents (built and written a part at a time).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "answer_owners.hpp"
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
    // InputError, writing nothing, when an unread page must be read after
    // all and cannot be, or when one of its answer ids belongs to another
    // thread ("FILE:LINE: answer id 'X' already belongs to thread 'Y'").
    bool store(AnalysedRecord& record);

private:
    ChangeFilter filter_;
    IndexTarget& target_;
    bool spelling_;
    AnswerOwners owners_;
    std::optional<DocumentBuilder> builder_;  // made on first use: seldom needed
};

// The answer ids of an analysed thread, built or not.
std::vector<std::string_view> answer_ids_of(const AnalysedRecord& record);

// Throws the InputError above when one of the record's answer ids belongs to
// another thread; otherwise records the thread as their owner.
void claim_answers(AnswerOwners& owners, const AnalysedRecord& record);

}  // namespace qadex
