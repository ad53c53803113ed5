// The thread view behind "+N more answers": every answer stored for one
// question, read straight from the index by the thread's boolean term.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include <qadex/stored_answer.hpp>

namespace qadex {

// The thread's answers in index order (page order when first indexed);
// empty when no thread has this id. Throws Xapian::Error (SearchEngine::thread
// retries DatabaseModifiedError).
std::vector<StoredAnswer> thread_answers(const Xapian::Database& db, const std::string& thread_id);

}  // namespace qadex
