// The field table (common/include/qadex/fields.hpp): its rows are
// consistent, every help text lists what it says, and each field goes
// through the indexer and the searcher as its row says. A new field needs
// its sample value in `samples` below.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include <xapian.h>

#include <qadex/fields.hpp>
#include <qadex/schema.hpp>
#include <qadex/strings.hpp>

#include "cli/search_options.hpp"
#include "document_builder.hpp"
#include "engine/search_engine.hpp"
#include "interactive/commands.hpp"
#include "test_support.hpp"
#include "web/html_results.hpp"
#include "web/request.hpp"
#include "web/response.hpp"

using namespace qadex;

namespace {

// Per field: a query that finds the sample answer by this field alone
// ("name:word" or a range), and the exact value a filter or facet sees.
struct Sample {
    std::string query;
    std::string exact;
};

const std::map<std::string, Sample>& samples() {
    static const std::map<std::string, Sample> table{
        {"body", {"body:gastroparesis", ""}},
        {"title", {"title:blepharospasm", ""}},
        {"question", {"question:eyelid", ""}},
        {"author", {"author:whitfield", "Dana Whitfield"}},
        {"specialty", {"specialty:ophthalmologist", "Neuro Ophthalmologist"}},
        {"location", {"location:reykjavik", "Reykjavik"}},
        {"source", {"source:testsource", "Testsource"}},
        {"tag", {"tag:ptosis", "Ptosis"}},
        {"category", {"category:treatment", "Treatment"}},
        {"rating", {"rating:4..5", ""}},
        {"reviews", {"reviews:10..", ""}},
        {"votes", {"votes:2..4", ""}},
        {"date", {"date:20240101..20241231", ""}},
    };
    return table;
}

// One thread whose answer has every field set to its sample.
Thread sample_thread() {
    Thread t;
    t.id = "t1";
    t.title = "Blepharospasm after injections";
    t.question = "Why does my eyelid droop?";
    t.source = "Testsource";
    t.category = "Treatment";
    t.tags = {"Ptosis"};
    t.date = "2024-06-01";
    Answer a;
    a.id = "a1";
    a.body = "Gastroparesis is not the cause here.";
    a.author = "Dana Whitfield";
    a.specialty = "Neuro Ophthalmologist";
    a.location = "Reykjavik";
    a.rating = 4.5;
    a.reviews = 12;
    a.votes = 3;
    t.answers.push_back(a);
    return t;
}

// A database holding the sample thread and one unrelated thread, so that
// each query must tell them apart.
std::string sample_db(const test::TempDir& dir) {
    const std::string path = (dir / "db").string();
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.set_metadata(schema::metadata::schema_version, std::to_string(schema::version));
    Thread other;
    other.id = "t2";
    other.title = "Something else";
    other.answers.emplace_back();
    other.answers[0].id = "a2";
    other.answers[0].body = "Nothing to see.";
    DocumentBuilder builder;
    for (const Thread& t : {sample_thread(), other})
        for (auto& answer : builder.build(t))
            db.replace_document(schema::id_term(schema::prefix::answer_id, answer.answer_id), answer.document);
    db.commit();
    return path;
}

// qadex-search --help, its white space runs made single spaces (Boost wraps lines).
std::string cli_help() {
    std::ostringstream out;
    const char* argv[] = {"qadex-search", "--help"};
    CHECK_FALSE(parse_search_options(2, argv, out, false).has_value());
    std::string help;
    for (char c : out.str())
        if (!is_ascii_space(c) || help.empty() || help.back() != ' ') help += is_ascii_space(c) ? ' ' : c;
    return help;
}

}  // namespace

TEST_CASE("Field names and prefixes are unique - facets and ranges have slots", "[fields]") {
    std::set<std::string> names, prefixes{schema::prefix::answer_id, schema::prefix::thread_id};
    std::set<Xapian::valueno> slots{schema::slot::thread_id};
    for (const Field& f : all_fields) {
        INFO(f.name);
        CHECK(names.insert(f.name).second);
        CHECK(std::string(f.name) == ascii_lower(f.name));
        CHECK(std::string(f.help).size() > 0);
        if (f.text_prefix && *f.text_prefix) CHECK(prefixes.insert(f.text_prefix).second);
        if (f.filter_prefix) CHECK(prefixes.insert(f.filter_prefix).second);
        if (f.is_facet()) CHECK(slots.insert(f.facet_slot).second);
        CHECK((f.range == FieldRange::none) == (f.range_slot == no_slot));
        if (f.range != FieldRange::none) CHECK(slots.insert(f.range_slot).second);
        if (f.default_weight > 0) CHECK(f.text_prefix != nullptr);
        // A field is searched somehow: by words, by value or as a range.
        CHECK((f.text_prefix || f.is_filter() || f.range != FieldRange::none));
        CHECK(find_field(f.name) == &f);
    }
    CHECK(find_field("colour") == nullptr);
    // Only the answer text is unprefixed.
    CHECK(std::string(field("body").text_prefix).empty());
    CHECK(default_field_weights().size() >= 1);
}

TEST_CASE("Every help text lists the fields it is about", "[fields]") {
    const std::string help = cli_help();
    const std::string command_help = interactive::command_help();
    for (const Field& f : all_fields) {
        INFO(f.name);
        const std::string line = std::string(" ").append(f.name).append(" ").append(f.help);  // the Fields section
        CHECK(help.find(line) != std::string::npos);
    }
    CHECK(help.find("FIELD is VALUE (" + join(filter_fields(), ", ") + ")") != std::string::npos);
    CHECK(command_help.find("FIELD is one of: " + join(filter_fields(), ", ") + ";") != std::string::npos);
    CHECK(help.find("count results by " + join(facet_fields(), ", ", " and ")) != std::string::npos);
    CHECK(command_help.find("count the results by " + join(facet_fields(), ", ")) != std::string::npos);
    try {
        parse_web_request({{"filter", "colour:red"}});
        FAIL("an unknown filter field was accepted");
    } catch (const HttpError& e) {
        CHECK(std::string(e.what()).find(join(filter_fields(), ", ")) != std::string::npos);
    }
}

TEST_CASE("Each field is indexed and searched as its row says", "[fields][indexer][searcher]") {
    test::TempDir dir;
    SearchEngine engine(sample_db(dir));
    for (const Field& f : all_fields) {
        INFO(f.name);
        const auto sample = samples().find(f.name);
        REQUIRE(sample != samples().end());  // a new field needs a sample above
        SearchRequest request;
        if (f.text_prefix || f.range != FieldRange::none) {
            request.query = sample->second.query;
            const SearchResult result = engine.search(request);
            REQUIRE(result.hits.size() == 1);
            CHECK(result.hits[0].stored.answer.id == "a1");
        }
        if (f.is_filter()) {
            REQUIRE_FALSE(sample->second.exact.empty());
            request.query.clear();
            request.filters = {{f.name, sample->second.exact}};
            const SearchResult result = engine.search(request);
            REQUIRE(result.hits.size() == 1);
            CHECK(result.hits[0].stored.answer.id == "a1");
        }
        if (f.is_facet()) {
            request.query = "gastroparesis";
            request.filters.clear();
            request.facets = true;
            const SearchResult result = engine.search(request);
            const auto& values = result.facets.at(f.name);
            REQUIRE(values.size() == 1);
            CHECK(values[0].value == sample->second.exact);
            CHECK(values[0].count == 1);
        }
    }
}

TEST_CASE("The results page shows every facet field", "[fields][cgi][html]") {
    WebRequest request;
    request.search.query = "botox";
    SearchResult result;
    for (const std::string& name : facet_fields()) result.facets[name] = {{"Value of " + name, 3}};
    const std::string page = html::results_page(request, result);
    for (const std::string& name : facet_fields()) {
        INFO(name);
        CHECK(page.find("<h3>" + name + "</h3>") != std::string::npos);
        CHECK(page.find("Value of " + name) != std::string::npos);
    }
}
