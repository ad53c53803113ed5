// The HTML side of the CGI front end: escaping, links, highlighted text and
// what a results page shows (searcher/web/html_*), without a server.
#include <catch2/catch.hpp>

#include "output/highlight.hpp"
#include "web/request.hpp"
#include "web/html_answer.hpp"
#include "web/html_escape.hpp"
#include "web/html_links.hpp"
#include "web/html_results.hpp"

using namespace qadex;

TEST_CASE("HTML escaping covers both quote kinds, invalid UTF-8 and control characters", "[cgi][html]") {
    CHECK(html::escape("<a href=\"x\" title='y'>&amp;</a>") ==
          "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    CHECK(html::escape("caf\xC3\xA9 \xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");
    CHECK(html::escape("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(html::escape(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
    CHECK(html::escape("a\x1B[0m\x7F") == "a\xEF\xBF\xBD[0m\xEF\xBF\xBD");
    CHECK(html::escape("line\n\ttab") == "line\n\ttab");
}

TEST_CASE("URL encoding leaves only unreserved characters", "[cgi][html]") {
    CHECK(html::url_encode("a b&c=d/e?f#g+h%i") == "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25i");
    CHECK(html::url_encode("Az09-._~") == "Az09-._~");
    CHECK(html::url_encode("\xC3\xA9\"'<>") == "%C3%A9%22%27%3C%3E");
}

TEST_CASE("Only absolute http and https URLs are links", "[cgi][html]") {
    for (const char* good : {"http://example.org", "https://example.org/q?a=1#x", "HTTPS://EXAMPLE.ORG/",
                             "https://example.org/\"onmouseover=\"x"}) {
        INFO(good);
        CHECK(html::is_safe_link(good));
    }
    for (const char* bad : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " https://example.org",
                            "data:text/html,<script>", "//evil.example/", "/relative", "https://", "http:///x",
                            "https://exa mple.org", "https://example.org/\n", "ftp://example.org",
                            "vbscript:x", "https://example.org/\xFF", ""}) {
        INFO(bad);
        CHECK_FALSE(html::is_safe_link(bad));
    }
}

TEST_CASE("Highlights become mark elements around escaped text", "[cgi][html]") {
    auto page = [](const HighlightedText& t) { return render_highlighted(t, "<mark>", "</mark>", html::escape); };
    CHECK(page({"a <b> c", {{2, 5}}}) == "a <mark>&lt;b&gt;</mark> c");
    CHECK(page({"open", {{0, 4}}}) == "<mark>open</mark>");
    CHECK(page({"a & b", {}}) == "a &amp; b");
    CHECK(page({"x \xFF y", {{2, 3}}}) == "x <mark>\xEF\xBF\xBD</mark> y");
    CHECK(page({"", {}}).empty());
}

TEST_CASE("Links keep the search and escape every value", "[cgi][html]") {
    SearchRequest s = WebRequest().search;
    s.query = "a&b \"c\"";
    s.filters = {{"source", "x<y"}};
    s.per_page = 20;
    CHECK(html::search_href(s) == "?q=a%26b%20%22c%22&amp;filter=source%3Ax%3Cy&amp;per_page=20");
    CHECK(html::page_href(s, 3) == "?q=a%26b%20%22c%22&amp;filter=source%3Ax%3Cy&amp;per_page=20&amp;page=3");
    CHECK(html::add_filter_href(s, "specialty", "Dermatologist") ==
          "?q=a%26b%20%22c%22&amp;filter=source%3Ax%3Cy&amp;filter=specialty%3ADermatologist&amp;per_page=20");
    CHECK(html::add_filter_href(s, "source", "x<y") == html::search_href(s));  // no duplicate
    CHECK(html::remove_filter_href(s, 0) == "?q=a%26b%20%22c%22&amp;per_page=20");
    CHECK(html::query_href(s, "botox") == "?q=botox&amp;filter=source%3Ax%3Cy&amp;per_page=20");
    CHECK(html::thread_href(s, "t'1") == "?thread=t%271&amp;q=a%26b%20%22c%22&amp;filter=source%3Ax%3Cy");
    s.facets = false;
    CHECK(html::search_href(s) == "?q=a%26b%20%22c%22&amp;filter=source%3Ax%3Cy&amp;per_page=20&amp;facets=0");
}

TEST_CASE("Attribution names the author, specialty, city and rating, else the source", "[cgi][html]") {
    StoredAnswer a;
    a.source = "skin<wise>";
    CHECK(html::attribution(a) == "skin&lt;wise&gt;");
    a.answer.author = "Ann O'Neil, MD";
    a.answer.specialty = "Dermatologist";
    a.answer.rating = 4.85;
    a.answer.reviews = 1;
    CHECK(html::attribution(a) == "Ann O&#39;Neil, MD \u00b7 Dermatologist \u00b7 \u2605 4.8/5 (1 review)");
    a.url = "javascript:alert(1)";
    a.title = "Question";
    CHECK(html::question_title(a) == "Question");
    a.url = "https://x.example/q";
    CHECK(html::question_title(a) == "<a href=\"https://x.example/q\" rel=\"noopener noreferrer nofollow\">Question</a>");
}

namespace {

SearchHit hit(std::size_t rank, const std::string& thread) {
    SearchHit h;
    h.rank = rank;
    h.stored.thread_id = thread;
    h.stored.title = "Title " + thread;
    h.stored.answer.id = thread + "-a1";
    h.snippet = {"about botox & more", {{6, 11}}};
    return h;
}

}  // namespace

TEST_CASE("A results page shows count, spelling, results, facets and pages", "[cgi][html]") {
    WebRequest request;
    request.search.query = "botox";
    request.search.page = 2;
    SearchResult result;
    result.query = "botox";
    result.corrected = "botax";
    result.total_estimate = 35;
    for (std::size_t i = 11; i <= 20; ++i) result.hits.push_back(hit(i, "t" + std::to_string(i)));
    result.hits[0].more_answers = 2;
    result.facets["specialty"] = {{"Dermatologist", 7}, {"", 3}};
    std::string page = html::results_page(request, result);
    CHECK(page.find("Answers 11\u201320 of about 35") != std::string::npos);
    CHECK(page.find("Did you mean <a href=\"?q=botax\">botax</a>?") != std::string::npos);
    CHECK(page.find("<p class=\"snippet\">about <mark>botox</mark> &amp; more</p>") != std::string::npos);
    CHECK(page.find(">+2 more answers to this question</a>") != std::string::npos);
    CHECK(page.find("href=\"?q=botox&amp;filter=specialty%3ADermatologist\">Dermatologist</a>") != std::string::npos);
    CHECK(page.find("<a class=\"prev\" rel=\"prev\" href=\"?q=botox\">") != std::string::npos);
    CHECK(page.find("<a class=\"next\" rel=\"next\" href=\"?q=botox&amp;page=3\">") != std::string::npos);
    CHECK(page.find("aria-current=\"page\">2</span>") != std::string::npos);
    CHECK(page.find("value=\"botox\"") != std::string::npos);

    result.total_exact = true;
    CHECK(html::results_page(request, result).find("Answers 11\u201320 of 35 (best answer per question)") != std::string::npos);

    result.auto_corrected = true;
    page = html::results_page(request, result);
    CHECK(page.find("showing answers for <b>botax</b> instead") != std::string::npos);
}

TEST_CASE("A page past the last result says so and links back to the first", "[cgi][html]") {
    WebRequest request;
    request.search.query = "botox";
    request.search.page = 999999999;
    SearchResult result;
    result.total_estimate = 12;
    std::string page = html::results_page(request, result);
    CHECK(page.find("No answers on page 999999999; there are about 12.") != std::string::npos);
    CHECK(page.find("class=\"next\"") == std::string::npos);
    result.total_exact = true;  // every match counted: no "about"
    CHECK(html::results_page(request, result).find("No answers on page 999999999; there are 12.") != std::string::npos);
}
