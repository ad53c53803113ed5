// The CGI front end's request side: form decoding and parameter checks
// (searcher/web/form, searcher/web/request), without a server.
#include <catch2/catch.hpp>
#include <sstream>

#include "web/form.hpp"
#include "web/request.hpp"
#include "web/response.hpp"

using namespace qadex;

namespace {

int status_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const HttpError& e) {
        return e.status();
    }
    return 200;
}

WebRequest parse(const std::string& query_string) { return parse_web_request(decode_form(query_string)); }

int parse_status(const std::string& query_string) {
    return status_of([&] { parse(query_string); });
}

}  // namespace

TEST_CASE("Form decoding turns plus into space and percent escapes into bytes", "[cgi]") {
    auto f = decode_form("q=does+Botox%20cause%3F&empty=&flag&&filter=a%3Ab&%C3%A9=%E2%82%AC");
    REQUIRE(f.size() == 5);
    CHECK(f[0] == std::pair<std::string, std::string>{"q", "does Botox cause?"});
    CHECK(f[1] == std::pair<std::string, std::string>{"empty", ""});
    CHECK(f[2] == std::pair<std::string, std::string>{"flag", ""});
    CHECK(f[3] == std::pair<std::string, std::string>{"filter", "a:b"});
    CHECK(f[4] == std::pair<std::string, std::string>{"\xC3\xA9", "\xE2\x82\xAC"});
    CHECK(decode_form("").empty());
}

TEST_CASE("Broken percent-encoding is a 400, an oversized form a 413", "[cgi]") {
    for (const char* text : {"q=%zz", "q=%", "q=a%4", "%G0=1", "q=%%41"}) {
        INFO(text);
        CHECK(status_of([&] { decode_form(text); }) == 400);
    }
    CHECK(status_of([&] { decode_form(std::string(max_form_bytes + 1, 'a')); }) == 413);
    std::string many;
    for (int i = 0; i <= static_cast<int>(max_form_fields); ++i) many += "x=1&";
    CHECK(status_of([&] { decode_form(many); }) == 400);
}

TEST_CASE("POST bodies are read by Content-Length and must be urlencoded forms", "[cgi]") {
    std::istringstream body("q=botox&page=2");
    auto f = read_form({"POST", "format=json", "application/x-www-form-urlencoded; charset=UTF-8", "14"}, body);
    REQUIRE(f.size() == 3);
    CHECK(f[0].first == "format");
    CHECK(f[2] == std::pair<std::string, std::string>{"page", "2"});

    std::istringstream short_body("q=bo");
    CHECK(status_of([&] { read_form({"POST", "", "application/x-www-form-urlencoded", "14"}, short_body); }) == 400);
    std::istringstream any("x");
    CHECK(status_of([&] { read_form({"POST", "", "multipart/form-data; boundary=x", "1"}, any); }) == 415);
    CHECK(status_of([&] { read_form({"POST", "", "application/x-www-form-urlencoded", ""}, any); }) == 411);
    CHECK(status_of([&] { read_form({"POST", "", "application/x-www-form-urlencoded", "-1"}, any); }) == 400);
    CHECK(status_of([&] { read_form({"POST", "", "application/x-www-form-urlencoded", "99999999999"}, any); }) ==
          413);
    CHECK(status_of([&] { read_form({"PUT", "q=x", "", ""}, any); }) == 405);
    CHECK(read_form({"HEAD", "q=x", "", ""}, any).size() == 1);
}

TEST_CASE("Web parameters become a search request", "[cgi]") {
    auto r = parse("q=botox&page=3&per_page=20&filter=specialty:Plastic+Surgeon&filter=source%3Dskinwise"
                   "&sort=rating&format=json&facets=0&unknown=1&DB=..");
    CHECK(r.search.query == "botox");
    CHECK(r.search.page == 3);
    CHECK(r.search.per_page == 20);
    REQUIRE(r.search.filters.size() == 2);
    CHECK(r.search.filters[0] == std::pair<std::string, std::string>{"specialty", "Plastic Surgeon"});
    CHECK(r.search.filters[1] == std::pair<std::string, std::string>{"source", "skinwise"});
    CHECK(r.search.sort == SortOrder::rating);
    CHECK(r.format == WebFormat::json);
    CHECK_FALSE(r.search.facets);
    CHECK(r.has_search());

    auto defaults = parse("");
    CHECK(defaults.format == WebFormat::html);
    CHECK(defaults.search.facets);
    CHECK(defaults.search.page == 1);
    CHECK_FALSE(defaults.has_search());
    CHECK(parse("filter=tag:botox").has_search());
    // JSON is qadex-search --format json: facets only on request.
    CHECK_FALSE(parse("q=x&format=json").search.facets);
    CHECK(parse("q=x&format=json&facets=1").search.facets);
    CHECK(parse("q=x&format=html").search.facets);
}

TEST_CASE("Page and per_page accept whole numbers only - per_page is capped at 100", "[cgi]") {
    CHECK(parse("page=999999999").search.page == 999999999);
    CHECK(parse("page=0007").search.page == 7);
    CHECK(parse("per_page=4294967295").search.per_page == max_per_page);
    CHECK(parse("per_page=99999999999999999999999").search.per_page == max_per_page);
    for (const char* bad : {"page=0", "page=-1", "page=1000000000", "page=4294967295", "page=1.5", "page=1e3",
                            "page=%2B1", "page=%201", "page=", "page=abc", "per_page=0", "per_page=-5",
                            "per_page=0x10"}) {
        INFO(bad);
        CHECK(parse_status(bad) == 400);
    }
}

TEST_CASE("Text parameters must be UTF-8 without control characters - tabs and newlines are spaces", "[cgi]") {
    CHECK(parse("q=a%0D%0Ab%09c").search.query == "a  b c");
    for (const char* bad : {"q=%FF", "q=caf%E9", "q=%C0%AF", "q=%ED%A0%80", "q=a%00b", "q=%1B[31m", "q=%7F",
                            "filter=specialty:%00", "format=json%00", "thread=%FF"}) {
        INFO(bad);
        CHECK(parse_status(bad) == 400);
    }
    // Unknown parameters are never looked at, whatever they hold.
    CHECK(parse_status("x=%FF&%00=%01&q=ok") == 200);
}

TEST_CASE("A query over max_query_bytes is a 413 - too many wildcards a 400", "[cgi]") {
    CHECK(parse_status("q=" + std::string(max_query_bytes, 'a')) == 200);
    CHECK(parse_status("q=" + std::string(max_query_bytes + 1, 'a')) == 413);
    CHECK(parse_status("q=a*+b*+c*+d*+e*+f*+g*+h*+i*+j*") == 200);
    CHECK(parse_status("q=a*+b*+c*+d*+e*+f*+g*+h*+i*+j*+k*") == 400);
}

TEST_CASE("Filters are FIELD:VALUE or FIELD=VALUE with a known field", "[cgi]") {
    CHECK(parse("filter=category%3Aside+effects").search.filters[0].second == "side effects");
    CHECK(parse("filter=source:a:b").search.filters[0].second == "a:b");
    CHECK(parse("filter=source=a=b").search.filters[0].second == "a=b");
    for (const char* bad : {"filter=password:x", "filter=specialty", "filter=specialty:", "filter=:x",
                            "filter=title:x"}) {
        INFO(bad);
        CHECK(parse_status(bad) == 400);
    }
    std::string many;
    for (std::size_t i = 0; i <= max_filters; ++i) many += "filter=tag:x&";
    CHECK(parse_status(many) == 400);
}

TEST_CASE("Single-valued parameters may not repeat - format, sort and facets take fixed words", "[cgi]") {
    CHECK(parse_status("q=a&q=b") == 400);
    CHECK(parse_status("format=xml") == 400);
    CHECK(parse_status("sort=random") == 400);
    CHECK(parse_status("facets=yes") == 400);
    CHECK(parse_status("thread=x&format=json") == 200);  // the thread as JSON, with its related questions
    CHECK(parse("thread=+abc+").thread == "abc");
}

TEST_CASE("similar= takes one answer or thread id, trimmed, not empty, not too long, not with thread=",
          "[cgi][related]") {
    CHECK(parse("similar=+abc-a1+").similar == "abc-a1");
    CHECK(parse("similar=abc&q=botox&filter=tag:x&per_page=5").similar == "abc");
    CHECK(parse_status("similar=") == 400);
    CHECK(parse_status("similar=+") == 400);
    CHECK(parse_status("similar=a&similar=b") == 400);
    CHECK(parse_status("similar=a&thread=b") == 400);
    CHECK(parse_status("similar=%01") == 400);
    CHECK(parse_status("similar=%FF") == 400);
    CHECK(parse_status("similar=" + std::string(max_id_bytes, 'a')) == 200);
    CHECK(parse_status("similar=" + std::string(max_id_bytes + 1, 'a')) == 400);
}
