// The CGI's suggest and asset requests (see suggest_endpoint.hpp).
#include "web/suggest_endpoint.hpp"

#include <cerrno>  // program_invocation_short_name
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <xapian.h>

#include <qadex/database_location.hpp>
#include <qadex/utf8.hpp>

#include "engine/search_engine.hpp"
#include "engine/suggest.hpp"
#include "output/json_writer.hpp"
#include "output/suggest_json.hpp"

namespace qadex {

namespace web_assets {
extern const char* const suggest_js;  // generated from web/assets/suggest.js
}

namespace {

constexpr const char* suggest_cache_control = "public, max-age=60";
constexpr const char* asset_cache_control = "public, max-age=31536000, immutable";

HttpResponse json_body(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
}

HttpResponse json_error(int status, const std::string& message) {
    std::string body;
    JsonWriter(body).begin_object().field("error", message).field("status", status).end_object();
    return json_body(status, body + "\n");
}

// The one value of `name`; HttpError 400 when it is given twice.
std::optional<std::string> single_value(const FormFields& fields, const std::string& name) {
    std::optional<std::string> found;
    for (const auto& [n, value] : fields) {
        if (n != name) continue;
        if (found) throw HttpError(400, "The parameter '" + name + "' is given twice.");
        found = value;
    }
    return found;
}

// The text typed, checked as the CGI checks `q`: UTF-8, tab, CR and LF as
// spaces, no other control character, at most max_suggest_bytes.
std::string checked_suggest_text(std::string text) {
    if (!utf8::is_valid(text)) throw HttpError(400, "The parameter 'suggest' is not valid UTF-8.");
    for (char& c : text) {
        if (c == '\t' || c == '\r' || c == '\n') c = ' ';
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            throw HttpError(400, "The parameter 'suggest' contains a control character.");
    }
    if (text.size() > max_suggest_bytes)
        throw HttpError(413, "The parameter 'suggest' is longer than " + std::to_string(max_suggest_bytes) + " bytes.");
    return text;
}

HttpResponse suggest_response(const std::string& raw, EngineSource& source) {
    const std::string text = checked_suggest_text(raw);
    SuggestResult result;
    result.text = text;
    if (text.find_first_not_of(' ') != std::string::npos) {  // blank: nothing to complete, no database needed
        Suggester suggester(source.engine().database());
        result = suggester.suggest(text);
    }
    HttpResponse r = json_body(200, suggest_json(result));
    r.headers.emplace_back("Cache-Control", suggest_cache_control);
    return r;
}

HttpResponse asset_response(const std::string& name) {
    if (name != "suggest.js") {
        HttpResponse r;
        r.status = 404;
        r.content_type = "text/plain; charset=utf-8";
        r.body = "There is no such asset.\n";
        return r;
    }
    HttpResponse r;
    r.content_type = "text/javascript; charset=utf-8";
    r.body = web_assets::suggest_js;
    r.headers.emplace_back("Cache-Control", asset_cache_control);
    return r;
}

// Prefixed with the program's name (qadex.cgi, qadex.fcgi, qadex-search), as the server's log shows it.
void log_error(const std::string& what) { std::cerr << program_invocation_short_name << ": " << what << '\n'; }

constexpr const char* unavailable =
    "The search index is not available right now (it may be being rebuilt). Please try again in a minute.";

}  // namespace

std::optional<HttpResponse> suggest_or_asset_response(const FormFields& fields, EngineSource& source) {
    try {
        if (auto asset = single_value(fields, "asset")) return asset_response(*asset);
        auto text = single_value(fields, "suggest");
        if (!text) return std::nullopt;
        try {
            return suggest_response(*text, source);
        } catch (const FatalError& e) {  // database missing, of another schema, a shard down
            source.discard();
            log_error(e.what());
            return json_error(503, unavailable);
        } catch (const Xapian::Error& e) {  // locked, being replaced, damaged
            source.discard();
            log_error("database error: " + e.get_description());
            return json_error(503, unavailable);
        }
    } catch (const HttpError& e) {
        return json_error(e.status(), e.what());
    } catch (const BadQueryError& e) {
        return json_error(400, std::string("The parameter 'suggest' is not usable: ") + e.what() + ".");
    }
}

std::string suggest_script_url() {
    // FNV-1a of the script: a new script is a new URL, so the year-long cache never serves an old one.
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char* p = web_assets::suggest_js; *p; ++p) hash = (hash ^ static_cast<unsigned char>(*p)) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string("?asset=suggest.js&v=") + hex;
}

}  // namespace qadex
