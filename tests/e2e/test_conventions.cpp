// Command-line conventions of a Debian tool (issue 20): documented exit
// codes, qadex.cgi run by a person, --quality-weight, --synonyms alone, and
// dates typed as displayed. Colour (NO_COLOR, TERM=dumb, --color) needs a
// terminal: tests/e2e/python/test_color.py.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "search_support.hpp"

using namespace qadex;
using json = nlohmann::json;

namespace {

std::vector<std::string> answer_ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& r : j["results"]) ids.push_back(r["answer_id"]);
    return ids;
}

// --format json without the one field that differs between two runs.
json results_of(const std::string& db, std::vector<std::string> args) {
    json j = test::search_json(db, std::move(args));
    j.erase("took_ms");
    return j;
}

}  // namespace

TEST_CASE("An empty QUERY exits 7 as documented, with or without a database, and no QUERY at all is usage (2)",
          "[cli][searcher][conventions]") {
    test::TempDir dir;
    const auto missing = (dir / "no-db").string();
    auto r = test::search(missing, {""});
    CHECK(r.exit_code == 7);
    CHECK(r.err == "qadex-search: the query is empty\n");
    CHECK(test::search(missing, {"", " "}).exit_code == 7);
    CHECK(test::search(missing, {}).exit_code == 2);
    const auto db = test::corpus_db(dir);
    CHECK(test::search(db, {""}).exit_code == 7);
    CHECK(test::search(db, {"--filter", "source=qadex-sample", ""}).exit_code == 0);  // filters alone list answers
}

TEST_CASE("qadex.cgi run by a person prints its help or version, and a server's arguments are not options",
          "[cgi][conventions]") {
    auto help = test::run_process({test::cgi_tool(), "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.starts_with("Usage: qadex.cgi [--help | --version]\n"));
    CHECK(help.out.find("QADEX_DB") != std::string::npos);
    CHECK(help.out.find("Status:") == std::string::npos);
    auto version = test::run_process({test::cgi_tool(), "--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.starts_with("qadex.cgi "));
    auto bad = test::run_process({test::cgi_tool(), "--frobnicate"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("Try 'qadex.cgi --help'") != std::string::npos);
    // Under a server (GATEWAY_INTERFACE set) arguments are <ISINDEX> words: a response, never help.
    auto served = test::run_process({test::cgi_tool(), "--help"}, "",
                                    {"GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=DELETE", "QUERY_STRING="});
    CHECK(served.exit_code == 0);
    CHECK(served.out.starts_with("Status: 405"));
}

TEST_CASE("The quality prior is the documented option --quality-weight W, the same as --ranking quality=W", "[cli][searcher][conventions]") {
    test::TempDir dir;
    const auto db = test::corpus_db(dir);
    const std::vector<std::string> query{"--all-answers", "--per-page", "20", "botox"};
    auto with = [&](std::vector<std::string> option) {
        option.insert(option.end(), query.begin(), query.end());
        return results_of(db, option);
    };
    const json by_option = with({"--quality-weight", "30"});
    CHECK(by_option == with({"--ranking", "quality=30"}));
    CHECK(by_option != with({}));  // the prior changes the scores: the option is not ignored
    CHECK(with({"--quality-weight", "0"}) == with({}));
    CHECK(test::search(db, {"--quality-weight", "-1", "botox"}).exit_code == 2);
    CHECK(test::search(db, {"--quality-weight", "x", "botox"}).exit_code == 2);
    CHECK(test::run_process({test::search_tool(), "--help"}).out.find("--quality-weight W") != std::string::npos);
}

TEST_CASE("qadex-index --synonyms FILE with no INPUT adds the synonyms and nothing else", "[cli][indexer][conventions]") {
    test::TempDir dir;
    const auto db = test::corpus_db(dir);
    const auto before = Xapian::Database(db).get_doccount();
    const auto synonyms = (dir / "extra.txt").string();
    test::write_file(synonyms, "zorbitis, zorbal inflammation\n");
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", "--synonyms", synonyms});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    Xapian::Database d(db);
    CHECK(d.get_doccount() == before);
    CHECK(std::vector<std::string>(d.synonyms_begin("zorbitis"), d.synonyms_end("zorbitis")) ==
          std::vector<std::string>{"zorbal inflammation"});
    // Still refused: nothing at all to do.
    CHECK(test::run_process({test::index_tool(), "--db", db}).exit_code == 2);
    // A synonyms file that cannot be read is an error, not a silent success.
    CHECK(test::run_process({test::index_tool(), "--db", db, "--synonyms", (dir / "absent.txt").string()}).exit_code != 0);
}

TEST_CASE("date: ranges take the displayed form 2024-01-31 as well as 20240131", "[cli][searcher][conventions]") {
    test::TempDir dir;
    const auto input = (dir / "dated.jsonl").string();
    test::write_file(input,
                     R"({"id":"t2024","title":"Knee pain","date":"2024-06-01","answers":[{"id":"t2024-a1","body":"knee pain after running"}]})" "\n"
                     R"({"id":"t2025","title":"Knee pain","date":"2025-03-01","answers":[{"id":"t2025-a1","body":"knee pain when climbing"}]})" "\n");
    const auto db = (dir / "db").string();
    REQUIRE(test::run_process({test::index_tool(), "--db", db, "--quiet", input}).exit_code == 0);
    const auto ids = [&](const std::string& range) { return answer_ids(test::search_json(db, {"knee " + range})); };
    CHECK(ids("date:2024-01-01..2024-12-31") == std::vector<std::string>{"t2024-a1"});
    CHECK(ids("date:20240101..20241231") == std::vector<std::string>{"t2024-a1"});
    CHECK(ids("date:2025-01-01..") == std::vector<std::string>{"t2025-a1"});
    CHECK(ids("date:..2024-06-01") == std::vector<std::string>{"t2024-a1"});  // both ends included
}
