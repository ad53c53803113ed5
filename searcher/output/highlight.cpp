// Rendering highlighted text (see highlight.hpp).
#include "output/highlight.hpp"

namespace qadex {

std::string render_highlighted(const HighlightedText& highlighted, std::string_view on, std::string_view off,
                               Escape escape) {
    const std::string_view text = highlighted.text;
    std::string out;
    out.reserve(text.size() + highlighted.highlights.size() * (on.size() + off.size()));
    const auto append = [&](std::size_t begin, std::size_t end) {
        if (begin >= end) return;
        const std::string_view piece = text.substr(begin, end - begin);
        if (escape) out += escape(piece);
        else out += piece;
    };
    std::size_t done = 0;
    for (const auto& span : highlighted.highlights) {
        append(done, span.begin);
        out += on;
        append(span.begin, span.end);
        out += off;
        done = span.end;
    }
    append(done, text.size());
    return out;
}

std::string escape_html_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace qadex
