// The HTML thread page (see html_thread.hpp).
#include "web/html_thread.hpp"

#include "web/html_answer.hpp"
#include "web/html_escape.hpp"
#include "web/html_layout.hpp"
#include "web/html_links.hpp"
#include "web/html_related.hpp"

namespace qadex::html {

std::string thread_page(const WebRequest& request, const std::vector<StoredAnswer>& answers,
                        const SearchResult& related) {
    const StoredAnswer& first = answers.front();
    std::string out = page_start((first.title.empty() ? "Question" : first.title) + " \u2013 qadex", request);
    if (request.has_search())
        out += "<p><a href=\"" + search_href(request.search) + "\">\u2190 Back to the results</a></p>\n";
    out += "<article class=\"thread\" data-thread=\"" + escape(first.thread_id) + "\"><h1>" + question_title(first) +
           "</h1>";
    std::string meta;
    const std::string* parts[] = {&first.source, &first.category, &first.date};
    for (const std::string* part : parts) {
        if (part->empty()) continue;
        if (!meta.empty()) meta += " \u00b7 ";
        meta += escape(*part);
    }
    if (!meta.empty()) out += "<p class=\"meta\">" + meta + "</p>";
    if (!first.question.empty()) out += "<div class=\"question\">" + escape(first.question) + "</div>";
    out += "<h2>" + std::to_string(answers.size()) + (answers.size() == 1 ? " answer" : " answers") + "</h2>\n";
    for (const auto& stored : answers) {
        out += "<section class=\"answer\" data-answer=\"" + escape(stored.answer.id) + "\">";
        if (!stored.answer.title.empty()) out += "<h3>" + escape(stored.answer.title) + "</h3>";
        out += "<p class=\"meta\">" + attribution(stored) + "</p><div class=\"body\">" + escape(stored.answer.body) +
               "</div></section>\n";
    }
    return out + "</article>\n" + related_box(related) + page_end();
}

}  // namespace qadex::html
