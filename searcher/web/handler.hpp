// One web request (CGI or FastCGI) from its parameters to a complete response, whatever
// happens: every failure becomes a status with a message of ours (details
// only in the server's error log, through stderr).
#pragma once

#include <istream>
#include <string>

#include "web/engine_source.hpp"
#include "web/form.hpp"
#include "web/response.hpp"

namespace qadex {

// Seconds a 503 asks the client to wait (Retry-After).
inline constexpr int retry_after_seconds = 30;

// What a 503 for the database says (missing, being replaced, damaged): never
// a path or an internal message, which go to the server's log.
inline constexpr const char* unavailable_message =
    "The search index is not available right now (it may be being rebuilt). Please try again in a minute.";

// `database_path` comes from the server's configuration ($QADEX_DB); empty
// means not configured (503). Never throws.
HttpResponse handle_cgi_request(const CgiEnvironment& env, std::istream& body, const std::string& database_path);

// The one code path of both front ends: the request's engine comes from
// `source` (opened for this request, or kept open by qadex.fcgi). Never throws.
HttpResponse handle_web_request(const CgiEnvironment& env, std::istream& body, EngineSource& source);

}  // namespace qadex
