// An HTTP response as a CGI program writes it: a Status header, the other
// headers, a blank line and the body. Nothing from the request ever goes
// into a header, so a CR or LF in a parameter cannot add one.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <qadex/error.hpp>

namespace qadex {

struct HttpResponse {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  // besides Status, Content-Type, Content-Length
    std::string body;
};

// A request that gets an error status (4xx, 503) with a message for the
// user. The message is ours, never the request's text.
class HttpError : public Error {
public:
    HttpError(int status, const std::string& message) : Error(message), status_(status) {}
    int status() const noexcept { return status_; }

private:
    int status_;
};

// "404 Not Found": the code and its reason phrase.
std::string status_text(int status);

// Writes the headers and, unless `head_only` (a HEAD request), the body.
void write_response(std::ostream& out, const HttpResponse& response, bool head_only);

}  // namespace qadex
