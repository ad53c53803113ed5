// The HTML thread page: one question with every answer stored for it, the
// target of a result's "+N more answers" link.
#pragma once

#include <string>
#include <vector>

#include <qadex/stored_answer.hpp>

#include "engine/search_engine.hpp"
#include "web/request.hpp"

namespace qadex::html {

// `answers` is not empty (an unknown thread is a 404 page instead);
// `related`, the thread's related questions, are listed after them.
std::string thread_page(const WebRequest& request, const std::vector<StoredAnswer>& answers,
                        const SearchResult& related);

}  // namespace qadex::html
