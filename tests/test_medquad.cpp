// End to end on the real MedQuAD corpus in ../shared (skipped when absent).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "test_support.hpp"

using namespace qadex;

TEST_CASE("All 17,908 MedQuAD threads index with no error and are found by search", "[e2e][medquad]") {
    auto corpus = test::shared_dir() / "corpora" / "medquad.jsonl.gz";
    if (!std::filesystem::exists(corpus)) QADEX_SKIP("no " + corpus.string());
    test::TempDir dir;
    auto db = (dir / "db").string();
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", "--stats", corpus.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("answers: 17908\nthreads: 17908\n") != std::string::npos);

    auto s = test::run_process({test::search_tool(), "--db", db, "--format", "json", "noonan syndrome heart problems"});
    REQUIRE(s.exit_code == 0);
    auto j = nlohmann::json::parse(s.out);
    REQUIRE(j["results"].size() == 10);
    // The top answers are about the syndrome the question names; nearly all mention it.
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(j["results"][i]["title"].get<std::string>().find("Noonan") != std::string::npos);
    int mentioning = 0;
    for (const auto& hit : j["results"]) {
        std::string text = hit["title"].get<std::string>() + " " + hit["snippet_html"].get<std::string>();
        mentioning += text.find("Noonan") != std::string::npos;
    }
    CHECK(mentioning >= 8);

    auto top = [&](const std::string& query) {
        auto r = test::run_process({test::search_tool(), "--db", db, "--format", "json", query});
        REQUIRE(r.exit_code == 0);
        auto j = nlohmann::json::parse(r.out);
        REQUIRE_FALSE(j["results"].empty());
        return j;
    };
    // The kind of question picks the answer of that kind about the right topic.
    auto causes = top("what causes noonan syndrome")["results"][0];
    CHECK(causes["category"] == "causes");
    CHECK(causes["title"].get<std::string>().find("Noonan") != std::string::npos);
    auto treatment = top("how is shingles treated")["results"][0];
    CHECK(treatment["category"] == "treatment");
    CHECK(treatment["title"].get<std::string>().find("Shingles") != std::string::npos);
    // A misspelt disease name is corrected and searched.
    auto corrected = top("diahrrea after antibiotics");
    CHECK(corrected["corrected_query"] == "diarrhea after antibiotics");
    CHECK(corrected["results"][0]["title"].get<std::string>().find("iarrhea") != std::string::npos);
}
