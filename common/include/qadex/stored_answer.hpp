// What the index stores with each answer document (Xapian document data):
// everything the searcher displays, so it never re-reads source files.
#pragma once

#include <string>
#include <string_view>

#include <qadex/document.hpp>

namespace qadex {

struct StoredAnswer {
    std::string thread_id, url, source, title, question, category, date;
    std::vector<std::string> tags;
    Answer answer;  // the answer itself, body included (snippets are cut from it)
    std::size_t thread_answers = 0;  // how many answers the thread had when indexed
};

StoredAnswer make_stored_answer(const Thread& thread, const Answer& answer);

// Compact JSON. decode throws Error for data that is not a stored answer.
std::string encode_stored_answer(const StoredAnswer& stored);
StoredAnswer decode_stored_answer(std::string_view data);

}  // namespace qadex
