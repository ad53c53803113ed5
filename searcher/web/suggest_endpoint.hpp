// The CGI's suggestions as you type (docs/WEB.md, "Suggestions"):
//
//   ?suggest=TEXT      the completions of TEXT as JSON (output/suggest_json.hpp),
//                      Cache-Control: public, max-age=60
//   ?asset=suggest.js  the page's script that asks for them, cached for a
//                      year: the page names it with its content's hash (v=)
//
// Both are answered before the search parameters are read, so they need no
// change to the search's request parsing.
#pragma once

#include <optional>
#include <string>

#include "web/engine_source.hpp"
#include "web/form.hpp"
#include "web/response.hpp"

namespace qadex {

// The response to a request with `suggest` or `asset`; nullopt for any other.
// Errors are answered here too: JSON for suggest (400 bad text, 413 over
// max_suggest_bytes, 503 no database), 404 for an unknown asset.
std::optional<HttpResponse> suggest_or_asset_response(const FormFields& fields, EngineSource& source);

// "?asset=suggest.js&v=HASH": the script's URL relative to the CGI's, the
// hash changing whenever the script does.
std::string suggest_script_url();

}  // namespace qadex
