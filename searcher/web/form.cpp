// Form decoding and request parameter gathering (see form.hpp).
#include "web/form.hpp"

#include <qadex/strings.hpp>

#include "web/body_input.hpp"
#include "web/response.hpp"

namespace qadex {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                throw HttpError(400, "The request has a broken percent-encoding (a '%' not followed by two hex digits).");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// "application/x-www-form-urlencoded; charset=UTF-8" -> the media type alone.
std::string media_type(std::string_view content_type) {
    return ascii_lower(trim(content_type.substr(0, content_type.find(';')), " \t"));
}

}  // namespace

FormFields decode_form(std::string_view text) {
    if (text.size() > max_form_bytes) throw HttpError(413, "The request is too large.");
    FormFields fields;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('&', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view field = text.substr(start, end - start);
        if (!field.empty()) {
            if (fields.size() == max_form_fields) throw HttpError(400, "The request has too many parameters.");
            std::size_t eq = field.find('=');
            std::string_view name = field.substr(0, eq);
            std::string_view value = eq == std::string_view::npos ? std::string_view{} : field.substr(eq + 1);
            fields.emplace_back(percent_decode(name), percent_decode(value));
        }
        start = end + 1;
    }
    return fields;
}

FormFields read_form(const CgiEnvironment& env, std::istream& body) {
    if (env.method == "GET" || env.method == "HEAD") return decode_form(env.query_string);
    if (env.method != "POST") throw HttpError(405, "Only GET, HEAD and POST are allowed.");

    if (media_type(env.content_type) != "application/x-www-form-urlencoded")
        throw HttpError(415, "Send the search form as application/x-www-form-urlencoded.");
    const std::string& length_text = env.content_length;
    if (length_text.empty()) throw HttpError(411, "A POST needs a Content-Length.");
    if (length_text.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "The Content-Length is not a number.");
    if (length_text.size() > 9 || std::stoul(length_text) > max_form_bytes)
        throw HttpError(413, "The request is too large.");
    std::size_t length = std::stoul(length_text);
    std::string text(length, '\0');
    body.read(text.data(), static_cast<std::streamsize>(length));
    if (static_cast<std::size_t>(body.gcount()) != length) {
        if (const auto* input = dynamic_cast<const TimedBody*>(body.rdbuf()); input && input->timed_out())
            throw HttpError(408, "The request body did not arrive in time.");
        throw HttpError(400, "The request body is incomplete.");
    }

    FormFields fields = decode_form(env.query_string);
    FormFields posted = decode_form(text);
    if (fields.size() + posted.size() > max_form_fields) throw HttpError(400, "The request has too many parameters.");
    fields.insert(fields.end(), posted.begin(), posted.end());
    return fields;
}

}  // namespace qadex
