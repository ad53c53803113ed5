// What a web request asks for: its parameters checked and turned into a
// SearchRequest (or a thread to show). Everything not listed is ignored, so
// no parameter can name a database or a file.
//
//   q         the question (Xapian query syntax as on the command line)
//   page      1-based page number (1..999999999)
//   per_page  results per page (default 10, more than 100 counts as 100)
//   filter    FIELD:VALUE (or FIELD=VALUE), repeatable; fields as --filter
//             (filter_fields(), qadex/fields.hpp)
//   sort      relevance | rating | date
//   facets    1 | 0: count results by the facet fields (default:
//             1 for html, 0 for json, as qadex-search without --facets)
//   format    html (default) | json
//   thread    a thread id: every answer to that question, and its related
//             questions (HTML, or JSON as qadex-search --thread)
//   similar   an answer or thread id: related questions, as a results list
#pragma once

#include <cstddef>
#include <string>

#include "web/form.hpp"
#include "engine/search_engine.hpp"

namespace qadex {

enum class WebFormat { html, json };

struct WebRequest {
    WebRequest() { search.facets = true; }  // the page's facet links (json: see parse_web_request)

    SearchRequest search;  // query, page, per_page, filters, sort, facets
    WebFormat format = WebFormat::html;
    std::string thread;    // non-empty: show this thread instead of searching
    std::string similar;   // non-empty: related questions of this answer or thread id

    // A search to run: a non-blank query or at least one filter.
    bool has_search() const;
};

inline constexpr std::size_t max_per_page = 100;
inline constexpr std::size_t max_page = 999'999'999;
inline constexpr std::size_t max_filters = 16;
inline constexpr std::size_t max_filter_value_bytes = 1024;
inline constexpr std::size_t max_id_bytes = 512;  // similar=: ids are keys of at most 240 bytes
// Each trailing wildcard expands to up to 100 words (SearchEngine); a web
// question may hold this many, so one request stays a bounded amount of work.
inline constexpr std::size_t max_wildcards = 10;

// Throws HttpError: 400 for a bad or repeated parameter (not UTF-8, a
// control character, a number out of range, an unknown filter field, more
// than max_wildcards '*'), 413
// for a query longer than max_query_bytes.
WebRequest parse_web_request(const FormFields& fields);

}  // namespace qadex
