// Answer title and attribution (see html_answer.hpp).
#include "web/html_answer.hpp"

#include <cstdio>

#include "web/html_escape.hpp"

namespace qadex::html {

std::string question_title(const StoredAnswer& stored) {
    std::string title = escape(stored.title.empty() ? "(untitled question)" : stored.title);
    if (!is_safe_link(stored.url)) return title;
    // The answers' sites need not learn what was searched: no Referer.
    return "<a href=\"" + escape(stored.url) + "\" rel=\"noopener noreferrer nofollow\">" + title + "</a>";
}

std::string attribution(const StoredAnswer& stored) {
    const Answer& a = stored.answer;
    std::string rating;
    if (a.rating) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f/5", *a.rating);
        rating = std::string("\u2605 ") + buf;
        if (a.reviews) rating += " (" + std::to_string(*a.reviews) + (*a.reviews == 1 ? " review)" : " reviews)");
    }
    std::string line;
    const std::string* parts[] = {&a.author, &a.specialty, &a.location, &rating};
    for (const std::string* part : parts) {
        if (part->empty()) continue;
        if (!line.empty()) line += " \u00b7 ";
        line += escape(*part);
    }
    if (line.empty()) return escape(stored.source.empty() ? "unnamed expert" : stored.source);
    return line;
}

}  // namespace qadex::html
