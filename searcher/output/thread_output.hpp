// One question with a page of its answers (thread_page_size at most), and
// its related questions, as JSON (qadex-search --thread ID --format json,
// the CGI's thread=ID&format=json; docs/SEARCH_JSON.md, "A thread") or as text.
#pragma once

#include <ostream>

#include "engine/search_engine.hpp"
#include "engine/thread_lookup.hpp"

namespace qadex {

// How many related questions a thread shows (JSON "related", the CGI's box).
inline constexpr std::size_t thread_related_count = 5;

// `thread.total` is not 0 (SearchEngine::thread); `related` is
// SearchEngine::related of the thread. One object, then a newline.
void write_thread_json(std::ostream& out, const ThreadPage& thread, const SearchResult& related);

void write_thread_text(std::ostream& out, const ThreadPage& thread, const SearchResult& related);

// "Answers 501-1000 of 100000 (page 2 of 200)" for a thread of more than one
// page, "3 answers" for one page; `dash` between the numbers.
std::string thread_page_summary(const ThreadPage& thread, std::string_view dash);

// "(the first 65,536 bytes of 8,400,000)": what part of a text cut to its
// window a page shows (StoredAnswer::body_cut, question_cut).
std::string shown_part(std::size_t shown_bytes, std::size_t whole_bytes);

}  // namespace qadex
