// "Related questions" in HTML: the box on a thread's page and the page that
// ?similar=ID shows (a results list of the related answers).
#pragma once

#include <string>

#include "engine/search_engine.hpp"
#include "web/request.hpp"

namespace qadex::html {

// <aside class="related"> listing each related question as a link to its
// thread's page; "" when there are none.
std::string related_box(const SearchResult& related);

// The page of ?similar=ID: "Questions like “TITLE”" and the results, each
// with its own "Similar questions" link. `result.similar_to` is set.
std::string similar_page(const WebRequest& request, const SearchResult& result);

}  // namespace qadex::html
