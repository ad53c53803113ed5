// What the interactive session prints besides result_output's page of
// results: one answer in full, facet counts, the filters in force and the
// hint under each page.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/result_output.hpp"
#include "engine/search_engine.hpp"

namespace qadex::interactive {

struct ViewStyle {
    TextStyle text;           // colour only on a terminal
    std::size_t width = 80;   // columns to wrap long text at
};

// Title, who answered, date, URL, the question, then the whole answer body
// word-wrapped to style.width.
void write_answer(std::ostream& out, const SearchHit& hit, const ViewStyle& style);

// "specialty: Dermatologist (5), Plastic Surgeon (3)", one line per field.
void write_facets(std::ostream& out, const SearchResult& result);

// "filters: specialty=Dermatologist, source=qadex-sample" or "filters: none".
void write_filters(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& filters);

// The line under a page: where we are and how to go on.
void write_page_hint(std::ostream& out, const SearchRequest& request, const SearchResult& result);

// `text` with every line longer than `width` columns broken at spaces; lines
// (and blank lines between paragraphs) are kept. Columns are code points.
std::string wrap(std::string_view text, std::size_t width);

}  // namespace qadex::interactive
