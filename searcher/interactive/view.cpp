// Rendering for the interactive session (see view.hpp).
#include "interactive/view.hpp"

#include <algorithm>
#include <cstdio>

#include "output/display_text.hpp"
#include "output/result_output.hpp"

namespace qadex::interactive {

namespace {

std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // count lead bytes only
    return n;
}

// The same "who answered" line as a page of results, plus the date.
std::string byline(const StoredAnswer& stored) {
    const Answer& a = stored.answer;
    std::string line;
    const std::string date = a.date.empty() ? stored.date : a.date;
    for (const std::string& part : {a.author, a.specialty, a.location, answer_rating(a), date}) {
        if (part.empty()) continue;
        if (!line.empty()) line += " · ";
        line += part;
    }
    return line.empty() ? (stored.source.empty() ? "unnamed expert" : stored.source) : line;
}

void wrap_line(std::string_view line, std::size_t width, std::string& out) {
    std::size_t used = 0;
    while (!line.empty()) {
        auto space = line.find(' ');
        std::string_view word = line.substr(0, space);
        std::size_t w = columns(word);
        if (used > 0 && used + 1 + w > width) {
            out += '\n';
            used = 0;
        } else if (used > 0) {
            out += ' ';
            ++used;
        }
        out += word;
        used += w;
        if (space == std::string_view::npos) break;
        line.remove_prefix(space + 1);
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    }
}

}  // namespace

std::string wrap(std::string_view text, std::size_t width) {
    std::string out;
    while (true) {
        auto nl = text.find('\n');
        wrap_line(text.substr(0, nl), width == 0 ? 1 : width, out);
        if (nl == std::string_view::npos) break;
        out += '\n';
        text.remove_prefix(nl + 1);
    }
    return out;
}

void write_answer(std::ostream& out, const SearchHit& hit, const ViewStyle& style) {
    const std::string bold = style.text.color ? "\033[1m" : "", normal = style.text.color ? "\033[0m" : "";
    const StoredAnswer& s = hit.stored;
    out << hit.rank << ". " << bold << terminal_text(s.title) << normal << '\n';
    out << "   " << terminal_text(byline(s)) << '\n';
    if (!s.url.empty()) out << "   " << terminal_text(s.url) << '\n';
    if (!s.question.empty()) out << '\n' << wrap("Question: " + terminal_text(s.question), style.width) << '\n';
    out << '\n';
    if (!s.answer.title.empty()) out << bold << wrap(terminal_text(s.answer.title), style.width) << normal << "\n\n";
    out << wrap(terminal_text(s.answer.body), style.width) << "\n\n";
}

void write_facets(std::ostream& out, const SearchResult& result) {
    if (result.facets.empty()) {
        out << "No facets: nothing matched.\n";
        return;
    }
    write_facet_lines(out, result);
    out << "Narrow down with :filter FIELD=VALUE.\n";
}

void write_filters(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& filters) {
    out << "filters:";
    if (filters.empty()) out << " none";
    for (std::size_t i = 0; i < filters.size(); ++i)
        out << (i ? ", " : " ") << filters[i].first << '=' << terminal_text(filters[i].second);
    out << '\n';
}

void write_page_hint(std::ostream& out, const SearchRequest& request, const SearchResult& result) {
    if (result.hits.empty()) return;
    const std::size_t pages = std::max<std::size_t>(
        request.page, static_cast<std::size_t>((result.total_estimate + request.per_page - 1) / request.per_page));
    out << "Page " << request.page << (result.total_exact ? " of " : " of about ") << pages << ".";
    if (result.hits.size() == request.per_page && request.page < pages) out << " n: next page,";
    if (request.page > 1) out << " p: previous,";
    const std::size_t first = result.hits.front().rank, last = result.hits.back().rank;
    out << ' ' << first;
    if (last != first) out << '-' << last;
    out << ": open an answer, :help: commands\n";
}

}  // namespace qadex::interactive
