// Making text from a request or from the index safe to put in an HTML page,
// and building the URLs the page links to.
#pragma once

#include <string>
#include <string_view>

namespace qadex::html {

// Text safe inside an element and inside a single- or double-quoted
// attribute: & < > " ' become entities, invalid UTF-8 becomes U+FFFD and
// control characters other than tab and newline become U+FFFD too (a NUL or
// a raw invalid byte never reaches the browser); bidi embedding, override
// and isolate controls are removed (output/display_text.hpp).
std::string escape(std::string_view text);

// The same for an attribute value that carries data rather than text to
// read (a form field sent back with the next search, data-thread): bidi
// controls are kept, so that a filter on a value holding one still finds it.
// An attribute is not shown, and an input box is a bidi paragraph of its own.
std::string escape_data(std::string_view text);

// A URL query component: every byte but the unreserved ones (RFC 3986
// ALPHA / DIGIT / - . _ ~) percent-encoded, space as %20.
std::string url_encode(std::string_view text);

// True when `url` may be an href: absolute http:// or https:// with a host,
// valid UTF-8, no whitespace, separator, control or invisible format
// character, ASCII or not (U+00A0, U+2028, U+202E...). Anything else
// (javascript:, data:, relative, protocol-relative) is shown as text only.
bool is_safe_link(std::string_view url);

}  // namespace qadex::html
