// Text from the index on a terminal and in the JSON's snippet_html (issue
// 21): bidi embedding, override and isolate controls (U+202A-202E,
// U+2066-2069) are dropped, and on a terminal no escape sequence or other
// control character from the index gets through; JSON's data fields keep
// the text as indexed.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "output/display_text.hpp"
#include "output/highlight.hpp"
#include "output/result_output.hpp"

using namespace qadex;

namespace {

const std::string rlo = "\u202E", pdf = "\u202C", lri = "\u2066", pdi = "\u2069";
const std::string replacement = "\xEF\xBF\xBD";

bool has_bidi_control(const std::string& text) {
    for (const char* control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
        if (text.find(control) != std::string::npos) return true;
    return false;
}

SearchResult spoofed_result() {
    SearchResult result;
    result.query = "exe";
    result.total_estimate = 1;
    result.total_exact = true;
    SearchHit hit;
    hit.rank = 1;
    hit.stored.thread_id = "t1";
    hit.stored.title = "Invoice " + rlo + "fdp.exe" + pdf + " \x1B[2Jcleared";
    hit.stored.url = "https://example.org/" + lri + "x" + pdi;
    hit.stored.answer.id = "a1";
    hit.stored.answer.author = "Dr. " + rlo + "yliE\x07";
    hit.snippet = {"Open " + rlo + "the exe" + pdf + " now\r", {{12, 15}}};  // "exe"
    result.hits.push_back(hit);
    result.facets["specialty"] = {{"Derm" + lri, 1}};
    return result;
}

}  // namespace

TEST_CASE("Terminal text drops bidi controls and replaces control characters", "[output][display]") {
    CHECK(terminal_text("plain text, caf\xC3\xA9 \xE6\xAF\x92") == "plain text, caf\xC3\xA9 \xE6\xAF\x92");
    CHECK(terminal_text("a" + rlo + "b" + pdf + "c\u202A\u202B\u202D\u2067\u2068d") == "abcd");
    CHECK(terminal_text("tab\tand\nnewline") == "tab\tand\nnewline");
    CHECK(terminal_text("\x1B[31mred\x1B[0m") == replacement + "[31mred" + replacement + "[0m");
    CHECK(terminal_text("bell\x07 cr\r del\x7F nul" + std::string(1, '\0')) ==
          "bell" + replacement + " cr" + replacement + " del" + replacement + " nul" + replacement);
    CHECK(terminal_text("c1 \xC2\x9B" "2J \xC2\x85") == "c1 " + replacement + "2J " + replacement);
    CHECK(terminal_text("\xC2\xA0nbsp stays") == "\xC2\xA0nbsp stays");
    CHECK(terminal_text("bad \xFF byte") == "bad " + replacement + " byte");
    CHECK(terminal_text("\xE2\x80") == replacement);  // a cut sequence is not a bidi control
    CHECK(terminal_text("\u2028 \u200F") == "\u2028 \u200F");  // separators and marks are not controls of direction
}

TEST_CASE("Text results carry no bidi control or escape sequence from the index", "[output][display]") {
    const SearchResult result = spoofed_result();
    SearchRequest request;
    request.query = "exe";
    request.facets = true;
    for (const bool color : {false, true}) {
        std::ostringstream out;
        write_text(out, request, result, TextStyle{color});
        const std::string text = out.str();
        INFO(text);
        CHECK_FALSE(has_bidi_control(text));
        CHECK(text.find("Invoice fdp.exe " + replacement + "[2Jcleared") != std::string::npos);
        CHECK(text.find("Dr. yliE" + replacement) != std::string::npos);
        CHECK(text.find('\x07') == std::string::npos);
        CHECK(text.find('\r') == std::string::npos);
        CHECK(text.find("specialty: Derm (1)") != std::string::npos);
        // Our own highlight is the only escape sequence.
        const std::string marked = color ? "\x1B[1;33mexe\x1B[0m" : "**exe**";
        CHECK(text.find("Open the " + marked + " now" + replacement) != std::string::npos);
        if (!color) CHECK(text.find('\x1B') == std::string::npos);
    }
}

TEST_CASE("JSON keeps the indexed text, its snippet_html drops bidi controls", "[output][display]") {
    std::ostringstream out;
    SearchRequest request;
    write_json(out, request, spoofed_result());
    const auto hit = nlohmann::json::parse(out.str())["results"][0];
    CHECK(hit["title"] == "Invoice " + rlo + "fdp.exe" + pdf + " \x1B[2Jcleared");
    CHECK(hit["snippet"] == "Open " + rlo + "the exe" + pdf + " now\r");
    CHECK(hit["snippet_html"] == "Open the <mark>exe</mark> now\r");
    CHECK(escape_html_text("<" + lri + "b" + pdi + ">") == "&lt;b&gt;");
}
