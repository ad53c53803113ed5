// The HTML results page: count, spelling suggestion, results with
// highlighted snippets, facet links that filter, pagination.
#pragma once

#include <string>

#include "web/request.hpp"
#include "engine/search_engine.hpp"

namespace qadex::html {

// `request.search.page` is the page asked for, even when it lies past the
// last result (the page then says so).
std::string results_page(const WebRequest& request, const SearchResult& result);

// One result of a list (<li class="result">): the question, the answer's
// attribution and snippet, "+N more answers" and "Similar questions" links.
std::string result_item(const SearchHit& hit, const SearchRequest& search);

}  // namespace qadex::html
