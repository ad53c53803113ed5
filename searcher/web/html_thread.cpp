// The HTML thread page (see html_thread.hpp).
#include "web/html_thread.hpp"

#include <algorithm>

#include "output/thread_output.hpp"
#include "web/html_answer.hpp"
#include "web/html_escape.hpp"
#include "web/html_layout.hpp"
#include "web/html_links.hpp"
#include "web/html_related.hpp"

namespace qadex::html {

namespace {

// Previous, the first page, a few pages around this one, the last, next.
std::string thread_pagination(const WebRequest& request, const ThreadPage& thread) {
    const std::size_t last = std::max<std::size_t>(thread.pages(), 1), page = thread.page;
    if (last == 1 && page == 1) return {};
    const std::string& id = thread.question.thread_id;
    auto link = [&](std::size_t p, const std::string& label, const char* attributes = "") {
        return "<a" + std::string(attributes) + " href=\"" + thread_href(request.search, id, p) + "\">" + label + "</a>";
    };
    std::string out = "<nav class=\"pages\" aria-label=\"Pages of answers\">";
    if (page > 1) out += link(std::min(page - 1, last), "\u2190 Previous", " class=\"prev\" rel=\"prev\"");
    const std::size_t centre = std::min(page, last);  // past the end: the last pages
    const std::size_t from = centre > 3 ? centre - 3 : 1, to = std::min(last, centre + 3);
    if (from > 1) out += link(1, "1") + (from > 2 ? "\u2026" : "");
    for (std::size_t p = from; p <= to; ++p) {
        if (p == page) out += "<span class=\"current\" aria-current=\"page\">" + std::to_string(p) + "</span>";
        else out += link(p, std::to_string(p));
    }
    if (to < last) out += (to + 1 < last ? "\u2026" : "") + link(last, std::to_string(last));
    if (page < last) out += link(page + 1, "Next \u2192", " class=\"next\" rel=\"next\"");
    return out + "</nav>\n";
}

std::string cut_note(const char* what, std::size_t shown, std::size_t whole) {
    return "<p class=\"meta cut\">" + std::string(what) + " is cut here " + escape(shown_part(shown, whole)) + ".</p>";
}

}  // namespace

std::string thread_page(const WebRequest& request, const ThreadPage& thread, const SearchResult& related) {
    const StoredAnswer& first = thread.question;
    std::string out = page_start((first.title.empty() ? "Question" : first.title) + " \u2013 qadex", request);
    if (request.has_search()) {
        SearchRequest back = request.search;  // its page is this thread's: the results start again
        back.page = 1;
        out += "<p><a href=\"" + search_href(back) + "\">\u2190 Back to the results</a></p>\n";
    }
    out += "<article class=\"thread\" data-thread=\"" + escape_data(first.thread_id) + "\"><h1>" + question_title(first) +
           "</h1>";
    std::string meta;
    const std::string* parts[] = {&first.source, &first.category, &first.date};
    for (const std::string* part : parts) {
        if (part->empty()) continue;
        if (!meta.empty()) meta += " \u00b7 ";
        meta += escape(*part);
    }
    if (!meta.empty()) out += "<p class=\"meta\">" + meta + "</p>";
    if (!first.question.empty()) {
        out += "<div class=\"question\">" + escape(first.question) + "</div>";
        if (first.question_cut()) out += cut_note("The question", first.question.size(), first.question_bytes);
    }
    out += "<h2>" + std::to_string(thread.total) + (thread.total == 1 ? " answer" : " answers") + "</h2>\n";
    if (thread.pages() > 1 || thread.page > 1)
        out += "<p class=\"summary\">" + escape(thread_page_summary(thread, "\u2013")) + "</p>\n";
    for (const auto& stored : thread.answers) {
        out += "<section class=\"answer\" data-answer=\"" + escape_data(stored.answer.id) + "\">";
        if (!stored.answer.title.empty()) out += "<h3>" + escape(stored.answer.title) + "</h3>";
        out += "<p class=\"meta\">" + attribution(stored) + "</p><div class=\"body\">" + escape(stored.answer.body) +
               "</div>";
        if (stored.body_cut()) out += cut_note("This answer", stored.answer.body.size(), stored.body_bytes);
        out += "</section>\n";
    }
    return out + thread_pagination(request, thread) + "</article>\n" + related_box(related) + page_end();
}

}  // namespace qadex::html
