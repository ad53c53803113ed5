// Suggestions as JSON (docs/SEARCH_JSON.md, "Suggestions"): what
// `qadex-search --suggest` prints and the CGI's `?suggest=` answers.
#pragma once

#include <string>

#include "engine/suggest.hpp"

namespace qadex {

// One JSON object and a newline:
// {"text": ..., "suggestions": [{"text", "kind", "count", "corrected"}...], "took_ms": ...}
std::string suggest_json(const SuggestResult& result);

}  // namespace qadex
