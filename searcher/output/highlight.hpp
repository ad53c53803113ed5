// Rendering HighlightedText (a snippet) for one output: the text is
// escaped here, once, and the highlights are marked in that output's way:
// "**word**" or bold in text, <mark> in HTML.
#pragma once

#include <string>
#include <string_view>

#include "engine/highlighted_text.hpp"

namespace qadex {

using Escape = std::string (*)(std::string_view);

// The text with each highlight between `on` and `off`; every stretch of
// text between highlight boundaries goes through `escape` when given.
std::string render_highlighted(const HighlightedText& highlighted, std::string_view on, std::string_view off,
                               Escape escape = nullptr);

// Element text for HTML: &, < and > as entities, bidi controls removed
// (display_text.hpp), every other byte as it is (the JSON output's
// snippet_html; pages use html::escape, which does more).
std::string escape_html_text(std::string_view text);

}  // namespace qadex
