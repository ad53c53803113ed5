// Proximity (searcher/engine/proximity.hpp): adjacent words of a question
// that stand together in an answer raise its score.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "search_support.hpp"

using json = nlohmann::json;
using namespace qadex;

namespace {

std::string thread(const std::string& id, const std::string& title, const std::string& body) {
    json j = {{"id", id}, {"title", title}, {"answers", json::array({{{"id", id + "-a1"}, {"body", body}}})}};
    return j.dump() + "\n";
}

std::string proximity_db(const test::TempDir& dir) {
    // Two answers with both words: "scattered" is shorter, so plain BM25
    // puts it first; only "phrase" has them next to each other.
    std::string threads =
        thread("phrase", "Chest pain at night",
               "A myocardial infarction damages part of the heart muscle when an artery that feeds it is blocked; "
               "it needs care in hospital at once.") +
        thread("scattered", "Tissue damage", "An infarction can leave myocardial tissue scarred.");
    const char* others[] = {"Sunburn and skin care", "Ankle sprain recovery", "Seasonal allergies",
                            "Iron in the diet",      "Sleep and snoring",      "Dry eyes at work"};
    int n = 0;
    for (const char* title : others) {
        std::string id = "other";
        id += std::to_string(++n);
        threads += thread(id, title, std::string(title) + ": what helps and when to see a doctor.");
    }
    const auto input = (dir / "t.jsonl").string();
    const auto db = (dir / "db").string();
    test::write_file(input, threads);
    REQUIRE(test::run_process({test::index_tool(), "--db", db, "--quiet", input}).exit_code == 0);
    return db;
}

std::string first_thread(const std::string& db, std::vector<std::string> args) {
    args.push_back("myocardial infarction");
    const json j = test::search_json(db, args);
    REQUIRE(j["results"].size() == 2);
    return j["results"][0]["thread_id"];
}

}  // namespace

// Proximity is on by default (docs/RANKING.md, rule 12); the cases say so
// explicitly where they compare it with proximity off.
TEST_CASE("With proximity on, the answer with the words together ranks above the one with them apart",
          "[cli][searcher][ranking][proximity]") {
    test::TempDir dir;
    const auto db = proximity_db(dir);
    CHECK(first_thread(db, {}) == "phrase");
    CHECK(first_thread(db, {"--ranking", "proximity=1"}) == "phrase");
    // Looked up first, the pair weighs by the answers that have it.
    CHECK(first_thread(db, {"--ranking", "proximity_lookup=1"}) == "phrase");
    // The test can fail: without proximity the shorter answer wins.
    CHECK(first_thread(db, {"--ranking", "proximity=0"}) == "scattered");

    // --explain names the phrase's share; it never changes what matches.
    const json j = test::search_json(db, {"--ranking", "proximity=1", "--explain", "myocardial infarction"});
    bool phrase = false;
    for (const auto& part : j["results"][0]["explanation"])
        phrase |= part["field"] == "phrase" && part["term"] == "\"myocardial infarction\"";
    CHECK(phrase);
    const json off = test::search_json(db, {"--ranking", "proximity=0", "myocardial infarction"});
    CHECK(j["total_estimate"] == off["total_estimate"]);
}

TEST_CASE("proximity: no phrase part for words split by stopwords or a pair found in no answer",
          "[cli][searcher][ranking][proximity]") {
    test::TempDir dir;
    const auto db = proximity_db(dir);
    // "infarction myocardial" is in no answer as a phrase, "infarction of the
    // heart" has stopwords between: no phrase part either way.
    for (const char* query : {"infarction myocardial", "infarction of the heart"}) {
        INFO(query);
        const json j = test::search_json(db, {"--ranking", "proximity=1", "--explain", query});
        for (const auto& r : j["results"])
            for (const auto& part : r["explanation"]) CHECK(part["field"] != "phrase");
    }
}
