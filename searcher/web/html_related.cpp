// Related questions in HTML (see html_related.hpp).
#include "web/html_related.hpp"

#include "web/html_escape.hpp"
#include "web/html_layout.hpp"
#include "web/html_links.hpp"
#include "web/html_results.hpp"

namespace qadex::html {

std::string related_box(const SearchResult& related) {
    if (related.hits.empty()) return {};
    std::string out = "<aside class=\"related\" aria-label=\"Related questions\"><h2>Related questions</h2><ul>";
    for (const auto& hit : related.hits) {
        const std::string& title = hit.stored.title.empty() ? hit.stored.thread_id : hit.stored.title;
        out += "<li data-thread=\"" + escape_data(hit.stored.thread_id) + "\"><a href=\"" +
               thread_href(SearchRequest{}, hit.stored.thread_id) + "\">" + escape(title) + "</a></li>";
    }
    return out + "</ul></aside>\n";
}

std::string similar_page(const WebRequest& request, const SearchResult& result) {
    const std::string title = result.similar_to ? result.similar_to->title : std::string{};
    std::string out = page_start("Questions like " + title + " \u2013 qadex", request);
    out += "<p class=\"summary\">Questions like \u201c" + escape(title) + "\u201d";
    if (result.similar_to)
        out += " (<a href=\"" + thread_href(SearchRequest{}, result.similar_to->thread_id) + "\">the question</a>)";
    out += result.hits.empty() ? ": none found.</p>\n" : "</p>\n";
    if (!result.hits.empty()) {
        out += "<ol class=\"results\">\n";
        for (const auto& hit : result.hits) out += result_item(hit, request.search);
        out += "</ol>\n";
    }
    return out + page_end();
}

}  // namespace qadex::html
