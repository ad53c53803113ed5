// A CGI request to its response (see handler.hpp).
#include "web/handler.hpp"

#include <algorithm>
#include <cerrno>  // program_invocation_short_name
#include <iostream>
#include <new>
#include <nlohmann/json.hpp>
#include <sstream>
#include <xapian.h>

#include <qadex/database_location.hpp>

#include "web/engine_source.hpp"
#include "web/request.hpp"
#include "web/html_layout.hpp"
#include "web/html_related.hpp"
#include "web/html_results.hpp"
#include "web/html_thread.hpp"
#include "web/suggest_endpoint.hpp"
#include "output/result_output.hpp"
#include "output/thread_output.hpp"
#include "engine/search_engine.hpp"

namespace qadex {

namespace {

// Pages need our inline style sheet and our own script file (suggestions
// as you type, which fetch from the CGI): no inline script runs, whatever an
// escaping bug might let through, and no other site sees the query.
const char* const content_security_policy =
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

HttpResponse html_response(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = {{"Content-Security-Policy", content_security_policy},
                 {"Referrer-Policy", "no-referrer"},
                 {"X-Frame-Options", "DENY"}};
    return r;
}

HttpResponse json_response(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
}

// Headers every response carries, and those that go with its status.
HttpResponse finish(HttpResponse r) {
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    const bool cached = std::any_of(r.headers.begin(), r.headers.end(),
                                    [](const auto& h) { return h.first == "Cache-Control"; });  // suggest, asset
    if (!cached) r.headers.emplace_back("Cache-Control", "no-store");
    if (r.status == 503) r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
    if (r.status == 405) r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
}

HttpResponse error_response(int status, const std::string& message, const WebRequest* request, bool json) {
    if (json) {
        nlohmann::ordered_json j{{"error", message}, {"status", status}};
        return json_response(status, j.dump() + "\n");
    }
    return html_response(status, html::error_page(status, message, request));
}

bool asks_for_json(const FormFields& fields) {
    for (const auto& [name, value] : fields)
        if (name == "format" && value == "json") return true;
    return false;
}

// Prefixed with the program's name (qadex.cgi, qadex.fcgi, qadex-search), as the server's log shows it.
void log_error(const std::string& what) { std::cerr << program_invocation_short_name << ": " << what << '\n'; }

HttpResponse thread_response(const WebRequest& request, EngineSource& source) {
    SearchEngine& engine = source.engine();  // opened (on first use) with its schema checked
    const ThreadPage answers = engine.thread(request.thread, request.search.page);  // page=: the thread's
    if (answers.total == 0) throw HttpError(404, "There is no question with this id.");
    SearchRequest five;
    five.per_page = thread_related_count;
    const SearchResult related = engine.related(request.thread, five);
    if (request.format == WebFormat::json) {
        std::ostringstream out;
        write_thread_json(out, answers, related);
        return json_response(200, out.str());
    }
    return html_response(200, html::thread_page(request, answers, related));
}

HttpResponse similar_response(const WebRequest& request, EngineSource& source) {
    SearchEngine& engine = source.engine();
    SearchRequest search = request.search;
    search.page = 1;
    search.facets = false;
    SearchResult result;
    try {
        result = engine.related(request.similar, search);
    } catch (const UnknownIdError&) {
        throw HttpError(404, "There is no answer or question with this id.");
    }
    if (request.format == WebFormat::json) {
        std::ostringstream out;
        write_json(out, search, result);
        return json_response(200, out.str());
    }
    return html_response(200, html::similar_page(request, result));
}

HttpResponse search_response(const WebRequest& request, EngineSource& source) {
    SearchEngine& engine = source.engine();
    SearchRequest search = request.search;
    // A page past the last document is empty whatever the query: ask for the
    // page just past the end, so the offset Xapian gets always fits its
    // 32-bit document count (page=999999999 or 4294967295 can't wrap round).
    const std::size_t documents = engine.database().get_doccount();
    if (search.page > 1 && (search.page - 1) * search.per_page >= documents)
        search.page = documents / search.per_page + 2;
    const SearchResult result = engine.search(search);
    if (request.format == WebFormat::json) {
        std::ostringstream out;
        write_json(out, request.search, result);
        return json_response(200, out.str());
    }
    return html_response(200, html::results_page(request, result));
}

HttpResponse respond(const CgiEnvironment& env, std::istream& body, EngineSource& source) {
    WebRequest request;
    const WebRequest* parsed = nullptr;
    // A POST body that never arrives (or is too large) fails before its
    // fields are known: a query string's format=json still gets JSON.
    bool json = false;
    try {
        json = asks_for_json(decode_form(env.query_string));
    } catch (const HttpError&) {  // a malformed query string: reported below, with the body's fields
    }
    try {
        FormFields fields = read_form(env, body);
        if (auto answered = suggest_or_asset_response(fields, source)) return *answered;
        json = asks_for_json(fields);
        request = parse_web_request(fields);
        parsed = &request;
        if (!request.thread.empty() || !request.similar.empty() || request.has_search()) {
            if (!request.thread.empty()) return thread_response(request, source);
            if (!request.similar.empty()) return similar_response(request, source);
            return search_response(request, source);
        }
        if (json) throw HttpError(400, "The query is empty.");
        return html_response(200, html::landing_page(request));
    } catch (const HttpError& e) {
        return error_response(e.status(), e.what(), parsed, json);
    } catch (const BadQueryError& e) {
        return error_response(400, std::string("Bad query: ") + e.what() + ".", parsed, json);
    } catch (const FatalError& e) {  // database missing, or of another schema
        source.discard();
        log_error(e.what());
        return error_response(503, unavailable_message, parsed, json);
    } catch (const Xapian::Error& e) {  // locked, being replaced, damaged
        source.discard();
        log_error("database error: " + e.get_description());
        return error_response(503, unavailable_message, parsed, json);
    } catch (const std::bad_alloc&) {  // over the request's memory limit (web/request_limits.hpp), or a size read from a damaged block
        source.discard();
        log_error("the request ran out of memory (its limit: web/request_limits.hpp)");
        return error_response(503, "The search needed too much memory. Please try a shorter question.", parsed, json);
    } catch (const std::exception& e) {
        log_error(std::string("internal error: ") + e.what());
        return error_response(500, "Something went wrong on our side. Please try again later.", parsed, json);
    }
}

}  // namespace

HttpResponse handle_cgi_request(const CgiEnvironment& env, std::istream& body, const std::string& database_path) {
    OpenOnDemand source(database_path);
    return handle_web_request(env, body, source);
}

HttpResponse handle_web_request(const CgiEnvironment& env, std::istream& body, EngineSource& source) {
    try {
        return finish(respond(env, body, source));
    } catch (...) {  // even rendering the error failed (out of memory)
        HttpResponse r;
        r.status = 500;
        r.content_type = "text/plain; charset=utf-8";
        r.body = "Something went wrong on our side.\n";
        return finish(r);
    }
}

}  // namespace qadex
