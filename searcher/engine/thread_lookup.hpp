// The thread view behind "+N more answers": one question's stored answers,
// read straight from the index by the thread's boolean term, a page at a
// time, so that a thread of 100,000 answers costs what a page of it costs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include <qadex/stored_answer.hpp>

namespace qadex {

// Answers on one page of a thread (qadex-search --thread ID --page N, the
// CGI's thread=ID&page=N).
inline constexpr std::size_t thread_page_size = 500;

struct ThreadPage {
    std::size_t total = 0;  // answers the thread has; 0: no thread has this id
    std::size_t page = 1;   // 1-based
    std::size_t per_page = thread_page_size;
    std::vector<StoredAnswer> answers;  // this page's, in index order; empty past the last page
    // The question's fields (title, question, url, source, category, date,
    // tags), as every answer stores them: the page's first answer, or the
    // thread's first when the page is past the end. Meaningful when total > 0.
    StoredAnswer question;

    std::size_t first_number() const { return (page - 1) * per_page + 1; }  // of answers.front()
    std::size_t pages() const { return (total + per_page - 1) / per_page; }
};

// Page `page` (1-based) of the thread's answers in index order (page order
// when first indexed); total 0 when no thread has this id. Decodes only the
// page's answers. Throws Xapian::Error (SearchEngine::thread retries
// DatabaseModifiedError).
ThreadPage thread_answers(const Xapian::Database& db, const std::string& thread_id, std::size_t page = 1,
                          std::size_t per_page = thread_page_size);

}  // namespace qadex
