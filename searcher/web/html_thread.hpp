// The HTML thread page: one question with a page of its answers
// (thread_page_size at most), the target of a result's "+N more answers" link.
#pragma once

#include <string>

#include "engine/search_engine.hpp"
#include "engine/thread_lookup.hpp"
#include "web/request.hpp"

namespace qadex::html {

// `thread.total` is not 0 (an unknown thread is a 404 page instead);
// `related`, the thread's related questions, are listed after the answers.
// A thread of more pages says which answers are shown and links to the
// others (?thread=ID&page=N).
std::string thread_page(const WebRequest& request, const ThreadPage& thread, const SearchResult& related);

}  // namespace qadex::html
