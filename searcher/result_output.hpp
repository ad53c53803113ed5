// Rendering a SearchResult for people (text) and programs (JSON, JSON Lines).
#pragma once

#include <ostream>
#include <string>

#include "search_engine.hpp"

namespace qadex {

struct TextStyle {
    bool color = false;  // ANSI bold highlights; only when stdout is a terminal
};

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result, TextStyle style);

// One JSON object (the schema of docs/SEARCH_JSON.md), then a newline.
void write_json(std::ostream& out, const SearchRequest& request, const SearchResult& result);

// One JSON object per hit, one per line.
void write_jsonl(std::ostream& out, const SearchResult& result);

// The snippet with markers turned into <mark> tags: stays HTML-escaped.
std::string snippet_html(const std::string& marked);
// The snippet as plain text: entities decoded, markers removed (or replaced).
std::string snippet_text(const std::string& marked, const std::string& on = "", const std::string& off = "");

}  // namespace qadex
