// qadex-search --suggest as a user runs it: a real process on a database
// built from the sample corpus.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <qadex/exit_codes.hpp>

#include "search_support.hpp"

using namespace qadex;
using json = nlohmann::json;

TEST_CASE("qadex-search --suggest prints the completions as JSON", "[cli][suggest]") {
    test::TempDir dir;
    const auto db = test::corpus_db(dir);
    auto r = test::search(db, {"--suggest", "Botó"});
    INFO(r.err);
    REQUIRE(r.exit_code == exit_code::ok);
    const json j = json::parse(r.out);
    CHECK(j["text"] == "Botó");
    REQUIRE(j["suggestions"].size() >= 2);
    CHECK(j["suggestions"].size() <= 8);
    CHECK(j["suggestions"][0]["text"] == "botox");
    CHECK(j["suggestions"][0]["kind"] == "word");
    CHECK(j["suggestions"][0]["count"].get<int>() > 10);
    CHECK(j["suggestions"][0]["corrected"] == false);
    CHECK(j["took_ms"].is_number());
    const json typo = json::parse(test::search(db, {"--suggest", "atrohpy"}).out);
    CHECK(typo["suggestions"][0]["text"] == "atrophy");
    CHECK(typo["suggestions"][0]["corrected"] == true);
    const json empty = json::parse(test::search(db, {"--suggest", ""}).out);
    CHECK(empty["suggestions"].empty());
}

TEST_CASE("qadex-search --suggest refuses bad text with exit 7 naming the option", "[cli][suggest]") {
    test::TempDir dir;
    const auto db = test::corpus_db(dir);
    for (const std::string& bad : {std::string("bot\x01"), std::string(201, 'b'), std::string("\xff")}) {
        auto r = test::search(db, {"--suggest", bad});
        CHECK(r.exit_code == exit_code::bad_query);
        CHECK(r.err.find("qadex-search: --suggest: ") == 0);
        CHECK(r.out.empty());
    }
    auto both = test::search(db, {"--suggest", "bot", "botox"});
    CHECK(both.exit_code == exit_code::usage);
    auto missing = test::search((dir / "nothing").string(), {"--suggest", "bot"});
    CHECK(missing.exit_code == exit_code::no_database);
}
