// Rendering highlighted text (see highlight.hpp).
#include "output/highlight.hpp"

#include "output/display_text.hpp"

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
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (const char c = text[i]) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default:
                if (const std::size_t bidi = bidi_control_at(text, i)) i += bidi - 1;  // HTML to show: none
                else out += c;
        }
    }
    return out;
}

}  // namespace qadex
