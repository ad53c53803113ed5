// Links from a results page back to the CGI program: relative "?q=..."
// URLs carrying the search's parameters, ready to put in an href.
#pragma once

#include <string>

#include "engine/search_engine.hpp"

namespace qadex::html {

// "?q=...&filter=field:value&page=2" for this search, with only the
// parameters that differ from the web defaults (WebRequest), HTML-escaped
// for an attribute.
std::string search_href(const SearchRequest& search);

// The same search on another page.
std::string page_href(const SearchRequest& search, std::size_t page);

// The same search (page 1) with one more filter, or without filter `index`.
std::string add_filter_href(const SearchRequest& search, const std::string& field, const std::string& value);
std::string remove_filter_href(const SearchRequest& search, std::size_t index);

// The same filters and settings with another query (page 1): "did you mean".
std::string query_href(const SearchRequest& search, const std::string& query);

// A thread's answers (its page `page`, thread_page_size a page); the
// search's query and filters are kept for the way back.
std::string thread_href(const SearchRequest& search, const std::string& thread_id, std::size_t page = 1);

// Related questions of an answer (or thread): "?similar=ID".
std::string similar_href(const std::string& id);

}  // namespace qadex::html
