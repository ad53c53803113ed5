// Text from the index or a request, made safe to show to a person.
//
// Bidirectional embedding, override and isolate controls (U+202A-202E,
// U+2066-2069) are removed wherever text is shown (pages, the terminal, the
// JSON's snippet_html): an unclosed one reorders what follows it on the line,
// so an answer's title could make the URL, the rating or the next result
// read as something else ("Trojan Source"). They are invisible and carry no
// words, so search and snippets are unchanged. JSON fields other than
// snippet_html keep them: JSON is data, and its reader decides how to show it.
#pragma once

#include <string>
#include <string_view>

namespace qadex {

// U+202A-202E (LRE, RLE, PDF, LRO, RLO) and U+2066-2069 (LRI, RLI, FSI, PDI).
constexpr bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Length in bytes of the bidi control whose UTF-8 starts at text[i], else 0.
std::size_t bidi_control_at(std::string_view text, std::size_t i);

// For a terminal: invalid UTF-8, and control characters other than tab and
// newline (ESC and the rest of C0, DEL, C1: they could move the cursor or
// start an escape sequence), become U+FFFD; bidi controls are removed.
std::string terminal_text(std::string_view text);

}  // namespace qadex
