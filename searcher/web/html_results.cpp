// The HTML results page (see html_results.hpp).
#include "web/html_results.hpp"

#include <algorithm>

#include <qadex/fields.hpp>

#include "web/html_answer.hpp"
#include "web/html_escape.hpp"
#include "web/html_layout.hpp"
#include "web/html_links.hpp"
#include "output/highlight.hpp"

namespace qadex::html {

namespace {

constexpr std::size_t facet_values_shown = 10;

std::string quoted(const std::string& text) { return "\u201c" + escape(text) + "\u201d"; }

std::string spelling(const SearchRequest& search, const SearchResult& result) {
    if (result.corrected.empty()) return {};
    if (result.auto_corrected)
        return "<p class=\"spelling\">No answers for " + quoted(result.query) + "; showing answers for <b>" +
               escape(result.corrected) + "</b> instead.</p>\n";
    return "<p class=\"spelling\">Did you mean <a href=\"" + query_href(search, result.corrected) + "\">" +
           escape(result.corrected) + "</a>?</p>\n";
}

std::string active_filters(const SearchRequest& search) {
    if (search.filters.empty()) return {};
    std::string out = "<ul class=\"filters\" aria-label=\"Filters\">";
    for (std::size_t i = 0; i < search.filters.size(); ++i) {
        const auto& [field, value] = search.filters[i];
        out += "<li>" + escape(field) + ": <b>" + escape(value) + "</b><a href=\"" + remove_filter_href(search, i) +
               "\" title=\"Remove this filter\" aria-label=\"Remove this filter\">\u00d7</a></li>";
    }
    return out + "</ul>\n";
}

std::string summary(const WebRequest& request, const SearchResult& result) {
    const SearchRequest& s = request.search;
    if (result.hits.empty() && s.page > 1)
        return "<p class=\"summary\">No answers on page " + std::to_string(s.page) + "; there are " +
               (result.total_exact ? "" : "about ") +
               std::to_string(result.total_estimate) + ". <a href=\"" + page_href(s, 1) +
               "\">Back to the first page</a></p>\n";
    if (result.hits.empty()) {
        std::string what = s.query.find_first_not_of(' ') == std::string::npos ? "these filters" : quoted(s.query);
        return "<p class=\"summary\">No answers found for " + what + ".</p>\n";
    }
    return "<p class=\"summary\">Answers " + std::to_string(result.hits.front().rank) + "\u2013" +
           std::to_string(result.hits.back().rank) + (result.total_exact ? " of " : " of about ") +
           std::to_string(result.total_estimate) +
           (s.collapse ? " (best answer per question)" : "") + "</p>\n";
}

}  // namespace

std::string result_item(const SearchHit& hit, const SearchRequest& search) {
    const StoredAnswer& stored = hit.stored;
    std::string out = "<li class=\"result\" data-thread=\"" + escape_data(stored.thread_id) + "\" data-answer=\"" +
                      escape_data(stored.answer.id) + "\"><h2>" + question_title(stored) + "</h2>";
    if (!stored.answer.title.empty()) out += "<p class=\"answer-title\">" + escape(stored.answer.title) + "</p>";
    out += "<p class=\"meta\">" + attribution(stored) + "</p>";
    out += "<p class=\"snippet\">" + render_highlighted(hit.snippet, "<mark>", "</mark>", escape) + "</p>";
    if (hit.more_answers > 0)
        out += "<p class=\"more\"><a href=\"" + thread_href(search, stored.thread_id) + "\">+" +
               std::to_string(hit.more_answers) + " more answer" + (hit.more_answers == 1 ? "" : "s") +
               " to this question</a></p>";
    out += "<p class=\"more similar\"><a href=\"" + similar_href(stored.answer.id) + "\">Similar questions</a></p>";
    return out + "</li>\n";
}

namespace {

std::string facets_html(const SearchRequest& search, const SearchResult& result) {
    std::string out;
    for (const std::string& field : facet_fields()) {
        auto it = result.facets.find(field);
        if (it == result.facets.end() || it->second.empty()) continue;
        out += "<h3>" + escape(field) + "</h3><ul>";
        std::size_t shown = 0;
        for (const auto& v : it->second) {
            if (v.value.empty()) continue;
            if (shown++ == facet_values_shown) break;
            bool active = std::find(search.filters.begin(), search.filters.end(),
                                    std::pair<std::string, std::string>{field, v.value}) != search.filters.end();
            std::string label = active ? "<b>" + escape(v.value) + "</b>"
                                       : "<a href=\"" + add_filter_href(search, field, v.value) + "\">" +
                                             escape(v.value) + "</a>";
            out += "<li>" + label + "<span class=\"count\">" + std::to_string(v.count) + "</span></li>";
        }
        out += "</ul>";
    }
    return out.empty() ? out : "<aside class=\"facets\" aria-label=\"Refine\">" + out + "</aside>\n";
}

std::string pagination(const SearchRequest& s, const SearchResult& result) {
    const std::size_t total = result.total_estimate;
    const std::size_t last = std::max<std::size_t>((total + s.per_page - 1) / s.per_page, 1);
    const bool has_next = result.hits.size() == s.per_page && s.page * s.per_page < total;
    if (s.page == 1 && !has_next) return {};
    std::string out = "<nav class=\"pages\" aria-label=\"Pages\">";
    if (s.page > 1 && s.page <= last + 1)
        out += "<a class=\"prev\" rel=\"prev\" href=\"" + page_href(s, s.page - 1) + "\">\u2190 Previous</a>";
    if (s.page <= last) {
        std::size_t from = s.page > 3 ? s.page - 3 : 1, to = std::min(last, s.page + 3);
        for (std::size_t p = from; p <= to; ++p) {
            if (p == s.page) out += "<span class=\"current\" aria-current=\"page\">" + std::to_string(p) + "</span>";
            else out += "<a href=\"" + page_href(s, p) + "\">" + std::to_string(p) + "</a>";
        }
    }
    if (has_next) out += "<a class=\"next\" rel=\"next\" href=\"" + page_href(s, s.page + 1) + "\">Next \u2192</a>";
    return out + "</nav>\n";
}

}  // namespace

std::string results_page(const WebRequest& request, const SearchResult& result) {
    const SearchRequest& s = request.search;
    std::string title = s.query.find_first_not_of(' ') == std::string::npos ? "Filtered answers" : s.query;
    std::string out = page_start(title + " \u2013 qadex", request);
    for (const auto& notice : result.notices) out += "<p class=\"notice\">" + escape(notice) + "</p>\n";
    out += spelling(s, result) + active_filters(s) + summary(request, result);
    out += "<div class=\"layout\"><div>";
    if (!result.hits.empty()) {
        out += "<ol class=\"results\">\n";
        for (const auto& hit : result.hits) out += result_item(hit, s);
        out += "</ol>\n";
    }
    out += pagination(s, result) + "</div>" + facets_html(s, result) + "</div>\n";
    return out + page_end();
}

}  // namespace qadex::html
