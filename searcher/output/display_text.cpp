// Text made safe to show (see display_text.hpp).
#include "output/display_text.hpp"

#include <qadex/utf8.hpp>

namespace qadex {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

std::size_t bidi_control_at(std::string_view text, std::size_t i) {
    // U+202A-202E: E2 80 AA-AE; U+2066-2069: E2 81 A6-A9.
    if (i + 2 >= text.size() || text[i] != '\xE2') return 0;
    const auto second = static_cast<unsigned char>(text[i + 1]), third = static_cast<unsigned char>(text[i + 2]);
    if (second == 0x80 && third >= 0xAA && third <= 0xAE) return 3;
    if (second == 0x81 && third >= 0xA6 && third <= 0xA9) return 3;
    return 0;
}

std::string terminal_text(std::string_view raw) {
    std::string repaired;
    if (!utf8::is_valid(raw)) repaired = utf8::repair(raw);
    const std::string_view text = repaired.empty() ? raw : repaired;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            if (c == '\t' || c == '\n') out += static_cast<char>(c);
            else out += replacement;
            ++i;
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
            out += replacement;  // C1: U+0080-009F (0xC2 0x80-0x9F)
            i += 2;
        } else if (const std::size_t bidi = bidi_control_at(text, i)) {
            i += bidi;
        } else {
            out += static_cast<char>(c);
            ++i;
        }
    }
    return out;
}

}  // namespace qadex
