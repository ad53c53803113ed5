// The first answer of each thread carries schema::first_answer_term, so the
// searcher can tell an index where no question has a second answer and skip
// collapsing there; everywhere else it collapses as before.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <qadex/schema.hpp>

#include "search_support.hpp"

using namespace qadex;
using json = nlohmann::json;

namespace {

std::string thread_line(const std::string& id, const std::vector<std::string>& bodies) {
    json answers = json::array();
    for (std::size_t i = 0; i < bodies.size(); ++i)
        answers.push_back({{"id", id + "-a" + std::to_string(i + 1)}, {"body", bodies[i]}});
    return json{{"id", id}, {"title", "About " + id}, {"answers", answers}}.dump() + "\n";
}

void index(const test::TempDir& dir, const std::string& db, const std::string& name, const std::string& threads,
           std::vector<std::string> extra = {}) {
    const auto input = (dir / name).string();
    test::write_file(input, threads);
    std::vector<std::string> argv{test::index_tool(), "--db", db, "--quiet"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(input);
    const auto r = test::run_process(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

Xapian::doccount first_answers(const std::string& db) { return Xapian::Database(db).get_termfreq(schema::first_answer_term); }

std::vector<std::string> answer_ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& r : j["results"]) ids.push_back(r["answer_id"]);
    return ids;
}

}  // namespace

TEST_CASE("Each thread's first answer, and only it, carries the first-answer term, through updates and deletions",
          "[cli][indexer][collapse]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    index(dir, db, "a.jsonl",
          thread_line("one", {"knee pain after running"}) +
              thread_line("two", {"knee pain when climbing stairs", "knee pain and swelling", "rest the knee"}));
    CHECK(Xapian::Database(db).get_doccount() == 4);
    CHECK(first_answers(db) == 2);

    // Thread "two" now has one answer, "three" is new with two.
    index(dir, db, "b.jsonl",
          thread_line("two", {"knee pain when climbing stairs"}) +
              thread_line("three", {"knee brace for running", "ice the knee"}));
    CHECK(Xapian::Database(db).get_doccount() == 4);
    CHECK(first_answers(db) == 3);

    const auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", "--delete", "three"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 2);
    CHECK(first_answers(db) == 2);
}

TEST_CASE("Where no question has a second answer, the best answer per question is every answer, in the same order",
          "[cli][searcher][collapse]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    std::string threads;
    const char* const fillers[] = {"a", "a bit", "a bit more", "a bit more than that"};
    for (int i = 0; i < 12; ++i) {
        std::string body = "knee pain ";
        body += fillers[i % 4];
        body += " running ";
        body += std::to_string(i);
        std::string id = "t";  // not "t" + ...: GCC 12 warns falsely (-Wstringop-overflow)
        id += std::to_string(i);
        threads += thread_line(id, {body});
    }
    index(dir, db, "single.jsonl", threads);
    REQUIRE(first_answers(db) == 12);
    const json collapsed = test::search_json(db, {"knee running"});
    const json all = test::search_json(db, {"--all-answers", "knee running"});
    CHECK(answer_ids(collapsed) == answer_ids(all));
    CHECK(collapsed["total_estimate"] == 12);
    for (const auto& r : collapsed["results"]) CHECK(r.value("more_answers", 0) == 0);

    // A second answer anywhere: collapsing is back, and counts questions.
    index(dir, db, "more.jsonl", thread_line("t0", {"knee pain running 0", "knee running shoes"}));
    REQUIRE(first_answers(db) == 12);
    REQUIRE(Xapian::Database(db).get_doccount() == 13);
    const json again = test::search_json(db, {"knee running"});
    CHECK(again["total_estimate"] == 12);
    const json again_all = test::search_json(db, {"--all-answers", "knee running"});
    CHECK(again_all["total_estimate"] == 13);
    bool more = false;
    for (const auto& r : again["results"]) more |= r.value("more_answers", 0) == 1 && r["thread_id"] == "t0";
    CHECK(more);
}
