// Web request parameters (see request.hpp).
#include "web/request.hpp"

#include <algorithm>
#include <set>

#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

#include "web/response.hpp"

namespace qadex {

namespace {

// Tab, CR and LF (a pasted multi-line question) count as spaces; any other
// control character, NUL included, is refused rather than passed on.
std::string checked_text(const std::string& name, std::string value) {
    if (!utf8::is_valid(value)) throw HttpError(400, "The parameter '" + name + "' is not valid UTF-8.");
    for (char& c : value) {
        if (c == '\t' || c == '\r' || c == '\n') c = ' ';
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            throw HttpError(400, "The parameter '" + name + "' contains a control character.");
    }
    return value;
}

HttpError bad_number(const std::string& name, std::size_t max) {
    return HttpError(400, "The parameter '" + name + "' must be a whole number from 1 to " + std::to_string(max) + ".");
}

// A positive decimal number (digits only, leading zeros allowed). Any value
// above `limit`, however many digits it has, reads as limit + 1.
std::size_t parse_positive(const std::string& name, const std::string& value, std::size_t limit) {
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) throw bad_number(name, limit);
    std::string digits = value.substr(std::min(value.find_first_not_of('0'), value.size()));
    if (digits.empty()) throw bad_number(name, limit);
    if (digits.size() > 9) return limit + 1;
    return std::min<std::size_t>(std::stoul(digits), limit + 1);
}

std::pair<std::string, std::string> parse_filter(const std::string& text) {
    std::size_t split = text.find_first_of(":=");
    std::string field = split == std::string::npos ? std::string{} : std::string(trim(text.substr(0, split), " "));
    const auto& known = filter_fields();
    if (std::find(known.begin(), known.end(), field) == known.end()) {
        throw HttpError(400, "A filter must be FIELD:VALUE with FIELD one of " + join(known, ", ") + ".");
    }
    std::string value(trim(text.substr(split + 1), " "));
    if (value.empty()) throw HttpError(400, "A filter needs a value after '" + field + ":'.");
    if (value.size() > max_filter_value_bytes) throw HttpError(400, "A filter value is too long.");
    return {field, value};
}

}  // namespace

bool WebRequest::has_search() const {
    return search.query.find_first_not_of(' ') != std::string::npos || !search.filters.empty();
}

WebRequest parse_web_request(const FormFields& fields) {
    static const std::set<std::string> single{"q", "page", "per_page", "sort", "facets", "format", "thread", "similar"};
    WebRequest request;
    std::set<std::string> seen;
    for (const auto& [name, raw] : fields) {
        if (name == "filter") {
            if (request.search.filters.size() == max_filters)
                throw HttpError(400, "At most " + std::to_string(max_filters) + " filters are allowed.");
            request.search.filters.push_back(parse_filter(checked_text(name, raw)));
            continue;
        }
        if (!single.count(name)) continue;  // unknown parameters are ignored, never used
        if (!seen.insert(name).second) throw HttpError(400, "The parameter '" + name + "' is given twice.");
        std::string value = checked_text(name, raw);
        if (name == "q") {
            if (value.size() > max_query_bytes)
                throw HttpError(413, "The question is longer than " + std::to_string(max_query_bytes) + " bytes.");
            if (static_cast<std::size_t>(std::count(value.begin(), value.end(), '*')) > max_wildcards)
                throw HttpError(400, "A question may use at most " + std::to_string(max_wildcards) +
                                         " wildcards (*).");
            request.search.query = std::move(value);
        } else if (name == "page") {
            request.search.page = parse_positive(name, value, max_page);
            if (request.search.page > max_page) throw bad_number(name, max_page);
        } else if (name == "per_page") {
            // Over the cap is not an error: it is what "as many as you can" means.
            request.search.per_page = std::min(parse_positive(name, value, max_per_page), max_per_page);
        } else if (name == "sort") {
            if (value == "relevance") request.search.sort = SortOrder::relevance;
            else if (value == "rating") request.search.sort = SortOrder::rating;
            else if (value == "date") request.search.sort = SortOrder::date;
            else throw HttpError(400, "The parameter 'sort' must be relevance, rating or date.");
        } else if (name == "facets") {
            if (value != "0" && value != "1") throw HttpError(400, "The parameter 'facets' must be 0 or 1.");
            request.search.facets = value == "1";
        } else if (name == "format") {
            if (value == "html") request.format = WebFormat::html;
            else if (value == "json") request.format = WebFormat::json;
            else throw HttpError(400, "The parameter 'format' must be html or json.");
        } else if (name == "thread") {
            request.thread = trim(value, " ");
            if (request.thread.empty()) throw HttpError(400, "The parameter 'thread' is empty.");
        } else if (name == "similar") {
            request.similar = trim(value, " ");
            if (request.similar.empty()) throw HttpError(400, "The parameter 'similar' is empty.");
            if (request.similar.size() > max_id_bytes)
                throw HttpError(400, "The parameter 'similar' is longer than " + std::to_string(max_id_bytes) +
                                         " bytes; it takes an answer or question id.");
        }
    }
    // JSON answers like qadex-search --format json: facets only when asked for.
    if (request.format == WebFormat::json && !seen.count("facets")) request.search.facets = false;
    if (!request.thread.empty() && !request.similar.empty())
        throw HttpError(400, "Give the parameter 'thread' or 'similar', not both.");
    return request;
}

}  // namespace qadex
