// qadex-search --similar ID: related questions from the real process on the
// sample corpus: output formats, filters, page size, bad ids and exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include <qadex/exit_codes.hpp>

#include "search_support.hpp"

using namespace qadex;
using json = nlohmann::json;
using test::corpus_db;
using test::search;
using test::search_json;

namespace {

constexpr const char* seed_thread = "thr-botox-atrophy-long-term";

}  // namespace

TEST_CASE("qadex-search --similar prints related questions as JSON, none from the seed's thread", "[cli][related]") {
    test::TempDir dir;
    const auto db = corpus_db(dir);
    const json j = search_json(db, {"--similar", seed_thread, "--per-page", "5"});
    CHECK(j["similar_to"]["thread_id"] == seed_thread);
    CHECK(j["similar_to"]["answer_id"] == std::string(seed_thread) + "-a1");
    CHECK(j["similar_to"]["title"].get<std::string>().find("Botox") != std::string::npos);
    CHECK(j["query"] == "");
    CHECK(j["per_page"] == 5);
    REQUIRE(j["results"].size() == 5);
    std::set<std::string> threads;
    for (const auto& r : j["results"]) {
        CHECK(r["thread_id"] != seed_thread);
        CHECK(threads.insert(r["thread_id"].get<std::string>()).second);  // one answer per question
        for (const char* field : {"rank", "score", "answer_id", "title", "snippet", "snippet_html", "more_answers"})
            CHECK(r.contains(field));
    }
    // An answer id seeds the same way.
    const json by_answer = search_json(db, {"--similar", std::string(seed_thread) + "-a2"});
    CHECK(by_answer["similar_to"]["answer_id"] == std::string(seed_thread) + "-a2");
    for (const auto& r : by_answer["results"]) CHECK(r["thread_id"] != seed_thread);
}

TEST_CASE("qadex-search --similar takes --filter, and the filters apply", "[cli][related]") {
    test::TempDir dir;
    const auto db = corpus_db(dir);
    const json all = search_json(db, {"--similar", seed_thread, "--per-page", "50"});
    const json filtered = search_json(db, {"--similar", seed_thread, "--per-page", "50", "--filter",
                                           "specialty=Dermatologist"});
    REQUIRE_FALSE(filtered["results"].empty());
    CHECK(filtered["results"].size() < all["results"].size());
    for (const auto& r : filtered["results"]) CHECK(r["specialty"] == "Dermatologist");
}

TEST_CASE("qadex-search --similar in text and JSON Lines", "[cli][related]") {
    test::TempDir dir;
    const auto db = corpus_db(dir);
    const auto text = search(db, {"--similar", seed_thread, "-n", "3"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.starts_with("Related questions: like \"Will years of Botox"));
    CHECK(text.out.find("Answers 1-3 of ") != std::string::npos);
    const auto lines = search(db, {"--similar", seed_thread, "-n", "3", "--format", "jsonl"});
    REQUIRE(lines.exit_code == 0);
    std::istringstream in(lines.out);
    std::size_t count = 0;
    for (std::string line; std::getline(in, line); ++count) CHECK(json::parse(line)["thread_id"] != seed_thread);
    CHECK(count == 3);
}

TEST_CASE("qadex-search --similar with an unknown id says so and exits 9, bad usage exits 2", "[cli][related]") {
    test::TempDir dir;
    const auto db = corpus_db(dir);
    const auto unknown = search(db, {"--similar", "no-such-answer"});
    CHECK(unknown.exit_code == exit_code::not_found);
    CHECK(unknown.out.empty());
    CHECK(unknown.err == "qadex-search: --similar: no answer or question has the id 'no-such-answer'\n");
    const auto with_query = search(db, {"--similar", seed_thread, "botox"});
    CHECK(with_query.exit_code == exit_code::usage);
    CHECK(with_query.err.find("--similar ID takes no QUERY") != std::string::npos);
    CHECK(search(db, {"--similar", " "}).exit_code == exit_code::usage);
    CHECK(search(db, {"--help"}).out.find("9 --similar or --thread names no answer or thread") != std::string::npos);
}

TEST_CASE("qadex-search --thread --format json shows the question, its answers and up to 5 related questions", "[cli][related]") {
    test::TempDir dir;
    const auto db = corpus_db(dir);
    const json j = search_json(db, {"--thread", seed_thread});
    CHECK(j["thread_id"] == seed_thread);
    CHECK(j["title"] == "Will years of Botox make my forehead muscles waste away?");
    CHECK(j["tags"].is_array());
    REQUIRE(j["answers"].size() == 4);
    CHECK(j["answers"][0]["answer_id"] == std::string(seed_thread) + "-a1");
    CHECK_FALSE(j["answers"][0]["body"].get<std::string>().empty());
    REQUIRE(j["related"].size() == 5);
    std::set<std::string> threads;
    for (const auto& r : j["related"]) {
        CHECK(r["thread_id"] != seed_thread);
        CHECK(threads.insert(r["thread_id"].get<std::string>()).second);
        CHECK(r.contains("snippet"));
    }
    // The same five, in the same order, as --similar's first five.
    const json similar = search_json(db, {"--similar", seed_thread, "--per-page", "5"});
    for (std::size_t i = 0; i < 5; ++i) CHECK(j["related"][i]["answer_id"] == similar["results"][i]["answer_id"]);

    const auto text = search(db, {"--thread", seed_thread});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("\n4 answers\n") != std::string::npos);
    CHECK(text.out.find("\nRelated questions:\n  1. ") != std::string::npos);
    const auto unknown = search(db, {"--thread", "no-such-thread"});
    CHECK(unknown.exit_code == exit_code::not_found);
    CHECK(unknown.err == "qadex-search: --thread: no question has the id 'no-such-thread'\n");
    CHECK(search(db, {"--thread", seed_thread, "--format", "trec"}).exit_code == exit_code::usage);
    CHECK(search(db, {"--thread", seed_thread, "--similar", seed_thread}).exit_code == exit_code::usage);
}
