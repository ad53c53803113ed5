// The request's parameters: application/x-www-form-urlencoded text (a GET
// QUERY_STRING or a POST body) decoded into name/value pairs, and how a CGI
// request's parameters are gathered from its environment and body.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qadex {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Largest QUERY_STRING or POST body read (413 above): a request far over
// max_query_bytes is refused before it is decoded.
inline constexpr std::size_t max_form_bytes = 64 * 1024;
// More fields than this is not a search form (400).
inline constexpr std::size_t max_form_fields = 100;

// Decodes "a=1&b=x+y%21": '+' is a space, %XX a byte, a field without '='
// has an empty value, empty fields ("&&") are skipped. Names and values are
// raw bytes, not yet checked as UTF-8. Throws HttpError 400 on a '%' not
// followed by two hex digits, 413 over max_form_bytes.
FormFields decode_form(std::string_view text);

// What the CGI environment says about the request (RFC 3875 variables).
struct CgiEnvironment {
    std::string method;          // REQUEST_METHOD
    std::string query_string;    // QUERY_STRING
    std::string content_type;    // CONTENT_TYPE
    std::string content_length;  // CONTENT_LENGTH, as given
};

// The parameters of a GET/HEAD (QUERY_STRING) or POST (QUERY_STRING, then
// the form body read from `body`). Throws HttpError: 405 for other methods,
// 411/400 for a POST without a usable length, 413 for a body over
// max_form_bytes, 415 for a body that is not a urlencoded form, 400 for a
// body shorter than its length, 408 when `body` reads a TimedBody
// (web/body_input.hpp) whose deadline passed first.
FormFields read_form(const CgiEnvironment& env, std::istream& body);

}  // namespace qadex
