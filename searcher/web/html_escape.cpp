// HTML escaping and URL building (see html_escape.hpp).
#include "web/html_escape.hpp"

#include <xapian.h>

#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

#include "output/display_text.hpp"

namespace qadex::html {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

void escape_valid(std::string_view text, std::string& out, bool keep_bidi) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (const char c = text[i]) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t':
            case '\n': out.push_back(c); break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += replacement;
                else if (const std::size_t bidi = keep_bidi ? 0 : bidi_control_at(text, i)) i += bidi - 1;  // dropped
                else out.push_back(c);
        }
    }
}

std::string escape_text(std::string_view text, bool keep_bidi) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    if (utf8::is_valid(text)) escape_valid(text, out, keep_bidi);
    else escape_valid(utf8::repair(text), out, keep_bidi);
    return out;
}

}  // namespace

std::string escape(std::string_view text) { return escape_text(text, false); }

std::string escape_data(std::string_view text) { return escape_text(text, true); }

std::string url_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char c : text) {
        auto b = static_cast<unsigned char>(c);
        bool unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' ||
                          b == '.' || b == '_' || b == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[b >> 4]);
            out.push_back(hex[b & 0xF]);
        }
    }
    return out;
}

bool is_safe_link(std::string_view url) {
    std::size_t scheme_end;
    if (starts_with_ascii_nocase(url, "http://")) scheme_end = 7;
    else if (starts_with_ascii_nocase(url, "https://")) scheme_end = 8;
    else return false;
    // A host must follow: "http:///x" or "https://" alone are not links.
    if (url.size() == scheme_end || url[scheme_end] == '/') return false;
    if (!utf8::is_valid(url)) return false;
    for (std::size_t i = 0; i < url.size();) {
        const auto [cp, length] = utf8::decode(url, i);
        i += length;
        if (cp <= 0x20 || cp == 0x7F) return false;
        if (cp < 0x80) continue;
        // No space, line or paragraph separator (U+00A0, U+2028, U+3000...),
        // control (U+0085) or invisible format character (bidi controls,
        // U+200B, U+FEFF) of any kind: a browser or a reader would cut or
        // show the address otherwise than it is.
        switch (Xapian::Unicode::get_category(static_cast<unsigned>(cp))) {
            case Xapian::Unicode::SPACE_SEPARATOR:
            case Xapian::Unicode::LINE_SEPARATOR:
            case Xapian::Unicode::PARAGRAPH_SEPARATOR:
            case Xapian::Unicode::CONTROL:
            case Xapian::Unicode::FORMAT:
                return false;
            default: break;
        }
    }
    return true;
}

}  // namespace qadex::html
