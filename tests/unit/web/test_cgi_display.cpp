// What the CGI's pages show and how a request's body is read (issue 21),
// without a server: no bidi control in a page, no link whose URL holds a
// Unicode space or separator, a query box that takes only what the server
// accepts, thread pages of 500 answers, and a 408 for a body that does not come.
#include <catch2/catch.hpp>

#include <functional>
#include <istream>
#include <unistd.h>

#include "web/body_input.hpp"
#include "web/form.hpp"
#include "web/html_escape.hpp"
#include "web/html_layout.hpp"
#include "web/html_links.hpp"
#include "web/html_thread.hpp"
#include "web/request.hpp"
#include "web/response.hpp"

using namespace qadex;

namespace {

const std::string rlo = "\u202E", pdf = "\u202C";

int status_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const HttpError& e) {
        return e.status();
    }
    return 200;
}

ThreadPage thread_page(std::size_t total, std::size_t page) {
    ThreadPage t;
    t.total = total;
    t.page = page;
    t.question.thread_id = "t&1";
    t.question.title = "Title " + rlo + "gnp.exe";
    for (std::size_t n = (page - 1) * t.per_page + 1; n <= std::min(total, page * t.per_page); ++n) {
        StoredAnswer a = t.question;
        const std::string number = std::to_string(n);
        a.answer.id.append("a").append(number);
        a.answer.author.append("Dr. ").append(rlo).append(number);
        a.answer.body.append("Body ").append(number).append(pdf);
        a.body_bytes = a.answer.body.size();
        t.answers.push_back(a);
    }
    return t;
}

}  // namespace

TEST_CASE("Pages carry no bidi embedding, override or isolate control", "[cgi][html][display]") {
    CHECK(html::escape("Invoice " + rlo + "fdp.exe" + pdf) == "Invoice fdp.exe");
    CHECK(html::escape("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069") == "");
    CHECK(html::escape("<\u2066b\u2069>") == "&lt;b&gt;");
    CHECK(html::escape("\u2028 \u200F \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D") == "\u2028 \u200F \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
    CHECK(html::escape(rlo.substr(0, 2)) == "\xEF\xBF\xBD");  // a cut one is invalid UTF-8, as before
    // Attribute values that carry data keep them, escaped as ever.
    CHECK(html::escape_data("src" + rlo + "\"<") == "src" + rlo + "&quot;&lt;");

    WebRequest request;
    request.search.query = "quixotic";
    const std::string page = html::thread_page(request, thread_page(2, 1), SearchResult{});
    CHECK(page.find("\u202E") == std::string::npos);
    CHECK(page.find("\u202C") == std::string::npos);
    CHECK(page.find("Title gnp.exe") != std::string::npos);
    CHECK(page.find("Dr. 2") != std::string::npos);

    // A filter on a value with a bidi control is sent back as it is (the search box too).
    WebRequest filtered;
    filtered.search.query = "quixotic " + rlo;
    filtered.search.filters = {{"source", "src" + rlo}};
    const std::string landing = html::landing_page(filtered);
    CHECK(landing.find("<input type=\"hidden\" name=\"filter\" value=\"source:src" + rlo + "\">") != std::string::npos);
    CHECK(landing.find("name=\"q\" value=\"quixotic " + rlo + "\"") != std::string::npos);
}

TEST_CASE("A URL with a Unicode space, separator, control or format character is not a link", "[cgi][html][display]") {
    for (const char* bad : {"https://example.org/a\u00A0b", "https://example.org/\u2028", "https://example.org/\u2029",
                            "https://exa\u3000mple.org", "https://example.org/\u202Egnp.exe", "https://example.org/\u200Bx",
                            "https://example.org/\uFEFF", "https://example.org/\u0085", "https://example.org/\u2066x",
                            "https://example.org/\u1680", "https://example.org/\u205F"}) {
        INFO(bad);
        CHECK_FALSE(html::is_safe_link(bad));
    }
    for (const char* good : {"https://example.org/caf\u00E9", "https://\u00FCber.example/\u6BD2", "https://example.org/?q=a+b"}) {
        INFO(good);
        CHECK(html::is_safe_link(good));
    }
}

TEST_CASE("The query box takes no more characters than the server's bytes allow", "[cgi][html][display]") {
    // maxlength counts UTF-16 code units, each at most 3 bytes of UTF-8.
    const std::string page = html::landing_page(WebRequest{});
    CHECK(page.find(" maxlength=\"1365\"") != std::string::npos);
    CHECK(1365 * 3 <= max_query_bytes);
    CHECK(1366 * 3 > max_query_bytes);
}

TEST_CASE("A thread page shows its 500 answers, which they are, and links to the other pages",
          "[cgi][html][display]") {
    WebRequest request;
    request.search.query = "botox";
    request.search.page = 2;
    const std::string page = html::thread_page(request, thread_page(2000, 2), SearchResult{});
    CHECK(page.find("<h2>2000 answers</h2>") != std::string::npos);
    CHECK(page.find("<p class=\"summary\">Answers 501\u20131000 of 2000 (page 2 of 4)</p>") != std::string::npos);
    CHECK(page.find("data-answer=\"a501\"") != std::string::npos);
    CHECK(page.find("data-answer=\"a1000\"") != std::string::npos);
    CHECK(page.find("data-answer=\"a1001\"") == std::string::npos);
    CHECK(page.find("<a class=\"prev\" rel=\"prev\" href=\"?thread=t%261&amp;q=botox\">") != std::string::npos);
    CHECK(page.find("<span class=\"current\" aria-current=\"page\">2</span>") != std::string::npos);
    CHECK(page.find("<a class=\"next\" rel=\"next\" href=\"?thread=t%261&amp;page=3&amp;q=botox\">") != std::string::npos);
    CHECK(page.find("<a href=\"?q=botox\">\u2190 Back to the results</a>") != std::string::npos);

    const std::string middle = html::thread_page(request, thread_page(100'000, 100), SearchResult{});
    CHECK(middle.find(">1</a>\u2026<a") != std::string::npos);
    CHECK(middle.find("page=97&amp;q=botox\">97</a>") != std::string::npos);
    CHECK(middle.find("page=103&amp;q=botox\">103</a>\u2026<a") != std::string::npos);
    CHECK(middle.find("page=200&amp;q=botox\">200</a>") != std::string::npos);

    const std::string past = html::thread_page(WebRequest{}, thread_page(2000, 9), SearchResult{});
    CHECK(past.find("No answers on page 9: the question has 2000 answers, 4 pages of 500") != std::string::npos);
    CHECK(past.find("<a class=\"prev\" rel=\"prev\" href=\"?thread=t%261&amp;page=4\">") != std::string::npos);
    CHECK(past.find("class=\"next\"") == std::string::npos);

    const std::string one = html::thread_page(WebRequest{}, thread_page(3, 1), SearchResult{});
    CHECK(one.find("<h2>3 answers</h2>") != std::string::npos);
    CHECK(one.find("class=\"summary\"") == std::string::npos);
    CHECK(one.find("<nav") == std::string::npos);
    CHECK(html::thread_href(SearchRequest{}, "t", 1) == "?thread=t");
    CHECK(html::thread_href(SearchRequest{}, "t", 7) == "?thread=t&amp;page=7");
}

TEST_CASE("A cut answer on a thread page says how much of it is shown", "[cgi][html][display]") {
    ThreadPage t = thread_page(1, 1);
    t.answers[0].body_bytes = 300'000;
    const std::string page = html::thread_page(WebRequest{}, t, SearchResult{});
    CHECK(page.find("<p class=\"meta cut\">This answer is cut here (the first 9 bytes of 300,000).</p>") !=
          std::string::npos);
}

TEST_CASE("A POST body that does not arrive in time is a 408, one cut short a 400", "[cgi][display]") {
    const CgiEnvironment post{"POST", "", "application/x-www-form-urlencoded", "20"};
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    {  // The writer stays open and silent: the body never comes.
        REQUIRE(::write(fds[1], "q=bot", 5) == 5);
        DeadlineInput input(fds[0], std::chrono::milliseconds(50));
        std::istream body(&input);
        CHECK(status_of([&] { read_form(post, body); }) == 408);
        CHECK(input.timed_out());
    }
    ::close(fds[1]);  // now the writer is gone: a short body, not a slow one
    {
        DeadlineInput input(fds[0], std::chrono::seconds(30));
        std::istream body(&input);
        CHECK(status_of([&] { read_form(post, body); }) == 400);
        CHECK_FALSE(input.timed_out());
    }
    ::close(fds[0]);

    REQUIRE(::pipe(fds) == 0);
    const std::string form = "q=botox&format=json";
    REQUIRE(::write(fds[1], form.data(), form.size()) == static_cast<ssize_t>(form.size()));
    DeadlineInput input(fds[0], std::chrono::seconds(30));
    std::istream body(&input);
    const FormFields fields = read_form({"POST", "", "application/x-www-form-urlencoded", std::to_string(form.size())}, body);
    CHECK(fields == FormFields{{"q", "botox"}, {"format", "json"}});
    ::close(fds[0]);
    ::close(fds[1]);
    CHECK(status_of([] { throw HttpError(408, "x"); }) == 408);
    CHECK(status_text(408) == "408 Request Timeout");
}
