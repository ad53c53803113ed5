// The web request's parameters: the bytes are a QUERY_STRING (first half)
// and a POST body (second half) decoded and checked into a search request.
// Anything may be refused with an HttpError status, nothing else.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "web/form.hpp"
#include "web/request.hpp"
#include "web/response.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::size_t half = bytes.size() / 2;
    try {
        qadex::WebRequest r = qadex::parse_web_request(qadex::decode_form(bytes));
        if (r.search.per_page > qadex::max_per_page || r.search.page > qadex::max_page) __builtin_trap();
    } catch (const qadex::HttpError& e) {
        if (e.status() < 400 || e.status() > 499) __builtin_trap();
    }
    qadex::CgiEnvironment env{"POST", bytes.substr(0, half), "application/x-www-form-urlencoded",
                              std::to_string(bytes.size() - half)};
    std::istringstream body(bytes.substr(half));
    try {
        (void)qadex::parse_web_request(qadex::read_form(env, body));
    } catch (const qadex::HttpError& e) {
        if (e.status() < 400 || e.status() > 499) __builtin_trap();
    }
    return 0;
}
