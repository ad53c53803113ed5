// Scraped pages saved as HTML: the same threads as the text of the same
// page, the visible text only, and bad HTML read as well as it can be or
// reported as FILE: reason, never a crash.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <qadex/error.hpp>
#include <qadex/html_page.hpp>
#include <qadex/input_files.hpp>
#include <qadex/page_parser.hpp>
#include <qadex/record_reader.hpp>
#include <qadex/utf8.hpp>

#include "page_support.hpp"
#include "test_support.hpp"

namespace {

using qadex::InputError;
using qadex::Thread;

std::string fixture_text(const std::string& name) {
    return qadex::test::read_file(qadex::test::fixtures_dir() / "pages" / name);
}

// The lines of an HTML snippet, joined by "|" ("" for a blank line).
std::string lines_of(std::string_view html) {
    std::string out;
    for (const auto& line : qadex::html_page_lines(html, "t.html")) {
        if (!out.empty()) out += '|';
        out += line.text;
    }
    return out;
}

Thread parse_html(std::string_view html, qadex::PageWarnings* warnings = nullptr) {
    return qadex::parse_html_page(html, "page.html", "page", warnings);
}

std::string error_of(std::string_view html) {
    try {
        parse_html(html);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("A page saved as HTML gives the same thread as the same page as text", "[pages][html]") {
    for (std::string name : {"names_spanish", "signoff_in_body", "specialty_compound", "count_mismatch",
                             "multiword_cities", "article"}) {
        INFO(name);
        qadex::PageWarnings text_warnings, html_warnings;
        Thread text = qadex::parse_page(fixture_text(name + ".txt"), name + ".txt", name, &text_warnings);
        Thread html = qadex::parse_html_page(fixture_text(name + ".html"), name + ".html", name, &html_warnings);
        REQUIRE(!text.answers.empty());
        html.url.clear();  // the HTML's canonical link: checked below
        CHECK(html == text);
        REQUIRE(html_warnings.size() == text_warnings.size());
        for (std::size_t i = 0; i < html_warnings.size(); ++i) CHECK(html_warnings[i].reason() == text_warnings[i].reason());
        // Scripts, styles, navigation, hidden and dropped elements never reach the text.
        qadex::test::require_clean(html);
        for (std::string_view noise : {"dataLayer", "Find a doctor", "cookies", "Accept", "Share on Facebook",
                                       "Example Answers", "Home", "Sign in", "enable JavaScript", "removed by a moderator",
                                       "noise", "\xE2\x98\x85", "QAPage", "All articles", "Board Certified\" }", "&"}) {
            INFO("noise: " << noise);
            if (noise == "&" && name == "specialty_compound") continue;  // "Oral & Maxillofacial" is the page's own text
            CHECK(html.title.find(noise) == std::string::npos);
            CHECK(html.question.find(noise) == std::string::npos);
            for (const auto& a : html.answers) {
                CHECK(a.title.find(noise) == std::string::npos);
                CHECK(a.body.find(noise) == std::string::npos);
                CHECK(a.author.find(noise) == std::string::npos);
            }
        }
    }
}

TEST_CASE("An HTML page's canonical link is the thread's url, its id comes from the path", "[pages][html]") {
    Thread t = qadex::parse_html_page(fixture_text("names_spanish.html"), "names_spanish.html", "pages/names_spanish");
    CHECK(t.url == "https://answers.example.org/q/filler-while-breastfeeding");
    CHECK(t.id == "pages/names_spanish");
    CHECK(t.answers.at(1).id == "pages/names_spanish-a2");
}

TEST_CASE("The answer count warning of an HTML page names the line of the HTML file", "[pages][html]") {
    qadex::PageWarnings warnings;
    Thread t = qadex::parse_html_page(fixture_text("count_mismatch.html"), "count_mismatch.html", "c", &warnings);
    CHECK(t.answers.size() == 2);
    REQUIRE(warnings.size() == 1);
    CHECK(std::string(warnings[0].what()) == "count_mismatch.html:8: page says 3 answers but 2 were found");
}

TEST_CASE("HTML becomes lines: blocks end lines, paragraphs are set apart, inline text joins", "[pages][html]") {
    struct Row {
        std::string html, lines;
    };
    const std::vector<Row> rows{
        {"<p>One <b>bold</b>\n  word.</p><p>Two</p>", "One bold word.||Two"},
        {"<div>a</div><div>b</div>", "a|b"},
        {"<p>a<br>b<br><br>c</p>", "a|b||c"},
        {"<h1>T</h1>text after", "T||text after"},
        {"<ul><li>x</li><li>y<ul><li>z</li></ul></li></ul>", "\xE2\x80\xA2 x|\xE2\x80\xA2 y|\xE2\x80\xA2 z"},
        {"<ol><li>first</li><li>second</li></ol>", "1. first|2. second"},
        {"<ul class=answers><li><h3>Title</h3><p>Body</p></li></ul>", "Title||Body"},
        {"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>", "a b|c"},
        {"<pre>line 1\nline 2</pre>", "line 1|line 2"},
        {"<p>caf&eacute; &amp; cr&#232;me&nbsp;br&#x263A;l&eacute;e &lt;3</p>", "café & crème\xC2\xA0" "br\xE2\x98\xBAlée <3"},
        {"<p>x<script>var a = '<p>no</p>';</script>y</p>", "xy"},
        {"<p>a</p><nav>menu</nav><header>h</header><footer>f</footer><aside>s</aside><p>b</p>", "a||b"},
        {"<div hidden>h</div><div aria-hidden=\"true\">h</div><div aria-hidden=\"false\">v</div>", "v"},
        {"<p style=\"color: red; DISPLAY : none\">h</p><p style=\"visibility:hidden\">h</p><p style=\"display:block\">v</p>", "v"},
        {"<form><input value=in><select><option>o</option></select><textarea>t</textarea><button>ok</button></form>",
         "ok"},
        {"<head><title>Title</title><style>p{}</style></head><body><!-- c --><p>b</p></body>", "b"},
        {"<template><p>t</p></template><noscript>n</noscript><dialog>d</dialog><p>b</p>", "b"},
    };
    for (const auto& row : rows) {
        INFO(row.html);
        CHECK(lines_of(row.html) == row.lines);
    }
}

TEST_CASE("HTML lines carry the line of the file where their text starts", "[pages][html]") {
    auto lines = qadex::html_page_lines(
        "<html>\n<body>\n<h1>Title</h1>\n\n<p>One\ntwo</p>\n<div>three</div><div>\n\n  four\nfive</div>\n", "t.html");
    REQUIRE(lines.size() == 6);
    CHECK(lines[0].text == "Title");
    CHECK(lines[0].number == 3);
    CHECK(lines[2].text == "One two");
    CHECK(lines[2].number == 5);
    CHECK(lines[4].text == "three");
    CHECK(lines[4].number == 7);
    CHECK(lines[5].text == "four five");
    CHECK(lines[5].number == 9);
}

TEST_CASE("Bad HTML gives FILE: reason or a best-effort read, never a crash", "[pages][html]") {
    SECTION("empty and blank files, and pages with nothing visible, are empty pages") {
        for (std::string_view html : {"", " \n\t", "<html></html>", "<html><head><title>T</title></head></html>",
                                      "<nav>only navigation</nav><script>x()</script>", "<!-- only a comment -->"}) {
            INFO(html);
            CHECK(error_of(html) == "page.html: empty page");
        }
    }
    SECTION("a NUL byte means a binary file, named by line and offset") {
        CHECK(error_of(std::string("<p>x</p>\n<p>\0</p>", 17)) == "page.html:2: not text: NUL byte at offset 12");
        CHECK(error_of(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)) == "page.html:3: not text: NUL byte at offset 8");
    }
    SECTION("unclosed tags are closed where a browser would") {
        Thread t = parse_html("<h1>Q?<p>Asked<h2>Doctor Answers 1<h3>Head<div>{{ v }}</div><p>Body<div>Boston Surgeon");
        CHECK(t.title == "Q?");
        CHECK(t.question == "Asked");
        REQUIRE(t.answers.size() == 1);
        CHECK(t.answers[0].title == "Head");
        CHECK(t.answers[0].body == "Body");
        CHECK(t.answers[0].location == "Boston");
    }
    SECTION("UTF-8 declared as Latin-1 is read as UTF-8") {
        Thread t = parse_html("<meta charset=\"iso-8859-1\"><h1>Caf\xC3\xA9 question</h1><p>Cr\xC3\xA8me</p>");
        CHECK(t.title == "Café question");
        CHECK(t.answers.at(0).body == "Crème");
    }
    SECTION("Latin-1 declared as UTF-8, or not declared, still gives UTF-8 text") {
        for (std::string html : std::vector<std::string>{"<meta charset=\"utf-8\"><h1>Caf\xE9</h1><p>Cr\xE8me</p>", "<h1>Caf\xE9</h1><p>Cr\xE8me</p>",
                                 "<meta charset=\"windows-1252\"><h1>Caf\xE9</h1><p>Cr\xE8me</p>"}) {
            INFO(html);
            Thread t = parse_html(html);
            CHECK(qadex::utf8::is_valid(t.title));
            CHECK(t.title.starts_with("Caf"));
            REQUIRE(t.answers.size() == 1);
            CHECK(qadex::utf8::is_valid(t.answers[0].body));
        }
        CHECK(parse_html("<meta charset=\"windows-1252\"><h1>Caf\xE9</h1>").title == "Café");
    }
    SECTION("a byte order mark, UTF-8 or UTF-16, is honoured and dropped") {
        CHECK(parse_html("\xEF\xBB\xBF<h1>T\xC3\xA9</h1><p>b</p>").title == "T\xC3\xA9");
        std::string utf16 = "\xFF\xFE";
        for (char c : std::string_view("<h1>Title</h1><p>Body</p>")) utf16 += {c, '\0'};
        Thread t = parse_html(utf16);
        CHECK(t.title == "Title");
        CHECK(t.answers.at(0).body == "Body");
    }
    SECTION("an unknown charset and binary junk without NULs are read as text, as well as they can be") {
        std::vector<std::string> pages{"<meta charset=\"x-no-such-charset\"><h1>Title</h1><p>Body</p>",
                                       "<<<>>></p></div></li><td><h1>", "<h1>Title</h1><p>"};
        pages.back().append(100000, '<');
        std::string& junk = pages.emplace_back();
        for (int i = 1; i < 2000; ++i) junk += static_cast<char>((i * 7919) % 255 + 1);
        for (const std::string& html : pages) {
            try {
                Thread t = parse_html(html);
                CHECK(qadex::utf8::is_valid(t.title));
                for (const auto& a : t.answers) CHECK(qadex::utf8::is_valid(a.body));
            } catch (const InputError& e) {
                CHECK(std::string(e.what()).starts_with("page.html"));
            }
        }
    }
    SECTION("deep nesting does not exhaust the stack") {
        std::string shallow = "<h1>Deep</h1>", deep = shallow;
        for (int i = 0; i < 100; ++i) shallow += "<div><span>";
        for (int i = 0; i < 100000; ++i) deep += "<div><span>";
        Thread t = parse_html(shallow + "<p>bottom</p>");
        CHECK(t.title == "Deep");
        REQUIRE(t.answers.size() == 1);
        CHECK(t.answers[0].body == "bottom");
        // libxml2 stops nesting at its depth limit: what is deeper is lost, nothing crashes.
        CHECK(parse_html(deep + "<p>bottom</p>").title == "Deep");
    }
}

TEST_CASE("An .html file is read whole by the record reader and parsed as an HTML page", "[pages][html][inputs]") {
    qadex::test::TempDir dir;
    auto path = dir / "saved.html";
    qadex::test::write_file(path, fixture_text("count_mismatch.html"));
    std::vector<InputError> problems;
    auto inputs = qadex::discover_inputs({dir.path().string()}, problems);
    REQUIRE(inputs.size() == 1);
    qadex::RecordReader reader(inputs[0]);
    qadex::RawRecord record;
    REQUIRE(reader.next(record));
    std::vector<InputError> warnings;
    Thread t = qadex::parse_record(record, inputs[0], &warnings);
    CHECK(t.id == "saved");
    CHECK(t.answers.size() == 2);
    REQUIRE(warnings.size() == 1);
    CHECK(std::string(warnings[0].what()) == path.string() + ":8: page says 3 answers but 2 were found");
    CHECK_FALSE(reader.next(record));
}
