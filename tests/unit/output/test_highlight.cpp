// Snippets are plain text with highlight spans, escaped once by each output
// (searcher/output/highlight.hpp): text that looks like HTML or holds
// entities comes out as written, whatever the output.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <qadex/schema.hpp>

#include "document_builder.hpp"
#include "engine/search_engine.hpp"
#include "output/highlight.hpp"
#include "output/result_output.hpp"
#include "test_support.hpp"
#include "web/html_results.hpp"

using namespace qadex;

namespace {

const std::string tricky = "Use <b>&amp; \"botox\" now";

SearchResult one_hit() {
    SearchResult result;
    result.query = "botox";
    result.total_estimate = 1;
    SearchHit hit;
    hit.rank = 1;
    hit.stored.thread_id = "t1";
    hit.stored.answer.id = "a1";
    hit.snippet = {tricky, {{14, 19}}};
    result.hits.push_back(hit);
    return result;
}

}  // namespace

TEST_CASE("Rendering marks each span and escapes the text between them", "[snippet]") {
    const HighlightedText t{tricky, {{14, 19}}};
    CHECK(render_highlighted(t, "**", "**") == "Use <b>&amp; \"**botox**\" now");
    CHECK(render_highlighted(t, "<mark>", "</mark>", escape_html_text) ==
          "Use &lt;b&gt;&amp;amp; \"<mark>botox</mark>\" now");
    CHECK(render_highlighted({"a b", {{0, 1}, {2, 3}}}, "[", "]") == "[a] [b]");
    CHECK(render_highlighted({"a b", {}}, "[", "]") == "a b");
}

TEST_CASE("A snippet holding a tag and an entity reads as written in text, JSON and HTML", "[snippet][cli][cgi]") {
    const SearchResult result = one_hit();
    SearchRequest request;
    request.query = "botox";

    std::ostringstream text;
    write_text(text, request, result, TextStyle{});
    CHECK(text.str().find("   Use <b>&amp; \"**botox**\" now\n") != std::string::npos);

    std::ostringstream json;
    write_json(json, request, result);
    const auto hit = nlohmann::json::parse(json.str())["results"][0];
    CHECK(hit["snippet"] == tricky);
    CHECK(hit["snippet_html"] == "Use &lt;b&gt;&amp;amp; \"<mark>botox</mark>\" now");

    WebRequest web;
    web.search = request;
    const std::string page = html::results_page(web, result);
    CHECK(page.find("<p class=\"snippet\">Use &lt;b&gt;&amp;amp; &quot;<mark>botox</mark>&quot; now</p>") !=
          std::string::npos);
}

TEST_CASE("The engine's snippets keep the answer's text and mark the matched words", "[snippet][searcher]") {
    test::TempDir dir;
    const std::string path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        db.set_metadata(schema::metadata::schema_version, std::to_string(schema::version));
        Thread t;
        t.id = "t1";
        t.title = "Injections";
        t.answers.emplace_back();
        t.answers[0].id = "a1";
        t.answers[0].body = tricky;
        DocumentBuilder builder;
        for (auto& answer : builder.build(t)) db.add_document(answer.document);
        db.commit();
    }
    SearchEngine engine(path);
    SearchRequest request;
    request.query = "botox";
    const SearchResult result = engine.search(request);
    REQUIRE(result.hits.size() == 1);
    const HighlightedText& snippet = result.hits[0].snippet;
    CHECK(snippet.text == tricky);
    CHECK(snippet.highlights == std::vector<HighlightedText::Span>{{14, 19}});
}
