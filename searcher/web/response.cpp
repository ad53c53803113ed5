// CGI response writing (see response.hpp).
#include "web/response.hpp"

namespace qadex {

std::string status_text(int status) {
    const char* reason = "Error";
    switch (status) {
        case 200: reason = "OK"; break;
        case 400: reason = "Bad Request"; break;
        case 404: reason = "Not Found"; break;
        case 405: reason = "Method Not Allowed"; break;
        case 408: reason = "Request Timeout"; break;
        case 411: reason = "Length Required"; break;
        case 413: reason = "Content Too Large"; break;
        case 415: reason = "Unsupported Media Type"; break;
        case 500: reason = "Internal Server Error"; break;
        case 503: reason = "Service Unavailable"; break;
        default: break;
    }
    return std::to_string(status) + " " + reason;
}

void write_response(std::ostream& out, const HttpResponse& response, bool head_only) {
    out << "Status: " << status_text(response.status) << "\r\n"
        << "Content-Type: " << response.content_type << "\r\n"
        << "Content-Length: " << response.body.size() << "\r\n";
    for (const auto& [name, value] : response.headers) out << name << ": " << value << "\r\n";
    out << "\r\n";
    if (!head_only) out << response.body;
    out.flush();
}

}  // namespace qadex
