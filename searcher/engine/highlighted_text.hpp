// Text with some byte ranges highlighted: a snippet and its matched words.
// The text is plain, as stored; each front end escapes it once for its own
// output (output/highlight.hpp), so nothing is ever unescaped.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace qadex {

struct HighlightedText {
    struct Span {
        std::size_t begin = 0, end = 0;  // bytes of `text`
        bool operator==(const Span&) const = default;
    };
    std::string text;
    std::vector<Span> highlights;  // in order, not overlapping, not empty
};

}  // namespace qadex
