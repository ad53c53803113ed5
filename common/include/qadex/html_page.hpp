// Scraped pages saved as HTML (docs/FORMATS.md, "HTML pages"): the text a
// reader sees, as lines, read with the same grammar as text pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <qadex/document.hpp>
#include <qadex/page_parser.hpp>

namespace qadex {

// The visible text of an HTML document, one PageLine per rendered line,
// numbered with the line of the HTML file where its text starts. Block
// elements end lines; paragraphs, headings, lists and tables are separated
// by a blank line. Scripts, styles, the head, navigation (nav, header,
// footer, aside), form fields and hidden elements (hidden, aria-hidden,
// style display:none or visibility:hidden) are dropped; entities are
// decoded. `canonical_url`, when given, receives <link rel="canonical">.
// Throws InputError("FILE:LINE: not text: NUL byte at offset N") for a
// binary file; anything else is read as best it can be.
std::vector<PageLine> html_page_lines(std::string_view html, const std::string& file,
                                      std::string* canonical_url = nullptr);

// parse_page for HTML: the thread id is `default_id`, the url the page's
// canonical link. Throws InputError as parse_page does.
Thread parse_html_page(std::string_view html, const std::string& file, const std::string& default_id,
                       PageWarnings* warnings = nullptr);

}  // namespace qadex
