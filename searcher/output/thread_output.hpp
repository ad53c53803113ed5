// One question with every answer stored for it, and its related questions,
// as JSON (qadex-search --thread ID --format json, the CGI's
// thread=ID&format=json; docs/SEARCH_JSON.md, "A thread") or as text.
#pragma once

#include <ostream>
#include <vector>

#include <qadex/stored_answer.hpp>

#include "engine/search_engine.hpp"

namespace qadex {

// How many related questions a thread shows (JSON "related", the CGI's box).
inline constexpr std::size_t thread_related_count = 5;

// `answers` is not empty (SearchEngine::thread); `related` is
// SearchEngine::related of the thread. One object, then a newline.
void write_thread_json(std::ostream& out, const std::vector<StoredAnswer>& answers, const SearchResult& related);

void write_thread_text(std::ostream& out, const std::vector<StoredAnswer>& answers, const SearchResult& related);

}  // namespace qadex
