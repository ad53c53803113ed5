// qadex-search as a user and a CGI script run it: a real process on a real
// database built from the shipped sample corpus.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <xapian.h>

#include <qadex/schema.hpp>

#include "search_support.hpp"

using namespace qadex;
using json = nlohmann::json;

using test::corpus_db;
using test::search;
using test::search_json;

TEST_CASE("The demo question ranks the Botox-atrophy threads first with highlights", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"does Botox cause atrophy"});
    REQUIRE(j["results"].size() >= 3);
    const std::set<std::string> about_botox_atrophy{"page-botox-forehead-atrophy-veins", "thr-botox-atrophy-long-term",
                                                    "thr-botox-permanent-atrophy-after-stopping"};
    for (int i = 0; i < 3; ++i) {
        INFO(j["results"][i]["title"]);
        CHECK(about_botox_atrophy.count(j["results"][i]["thread_id"].get<std::string>()) == 1);
        CHECK(j["results"][i]["snippet_html"].get<std::string>().find("<mark>") != std::string::npos);
    }
}

TEST_CASE("Text results show title, attribution, snippet and URL without escape codes in a pipe", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = search(db, {"does", "Botox", "cause", "atrophy"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("\033[") == std::string::npos);
    // Either Botox-atrophy question may come first (proximity favours the
    // one whose title says "Botox cause").
    CHECK((r.out.find("1. Has ten years of Botox atrophied my forehead?") != std::string::npos ||
           r.out.find("1. Can repeated Botox cause permanent muscle atrophy after I stop?") != std::string::npos));
    CHECK(r.out.find("**Botox**") != std::string::npos);
    CHECK(r.out.find("https://answers.example.org/q/") != std::string::npos);
    CHECK(r.out.find(" more answers to this question") != std::string::npos);
}

TEST_CASE("JSON output carries the documented fields for each result", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"--per-page", "3", "botox"});
    CHECK(j["query"] == "botox");
    CHECK(j["page"] == 1);
    CHECK(j["per_page"] == 3);
    CHECK(j["total_estimate"].get<int>() >= 3);
    REQUIRE(j["results"].size() == 3);
    for (const char* key : {"rank", "score", "percent", "thread_id", "answer_id", "title", "url", "author", "specialty",
                            "location", "rating", "reviews", "snippet", "snippet_html", "more_answers"})
        CHECK(j["results"][0].contains(key));
    CHECK(j["results"][0]["rank"] == 1);
    CHECK(j["results"][2]["rank"] == 3);
    CHECK(j["results"][0]["snippet"].get<std::string>().find('\x01') == std::string::npos);
}

TEST_CASE("Answers collapse to one per question unless all answers are asked for", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto collapsed = search_json(db, {"--per-page", "100", "botox atrophy"});
    auto all = search_json(db, {"--per-page", "100", "--all-answers", "botox atrophy"});
    std::set<std::string> threads;
    for (const auto& hit : collapsed["results"]) CHECK(threads.insert(hit["thread_id"].get<std::string>()).second);
    // Each collapsed hit stands for itself plus its "more answers".
    std::size_t represented = 0;
    for (const auto& hit : collapsed["results"]) represented += 1 + hit["more_answers"].get<std::size_t>();
    CHECK(represented == all["results"].size());
    CHECK(all["results"].size() > collapsed["results"].size());
}

TEST_CASE("Filters keep only answers with the exact field value", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"--all-answers", "--per-page", "100", "--filter", "specialty=dermatologist", "botox"});
    REQUIRE(j["results"].size() > 0);
    for (const auto& hit : j["results"]) CHECK(hit["specialty"] == "Dermatologist");
    auto two = search_json(db, {"--all-answers", "--per-page", "100", "--filter", "specialty=Dermatologist",
                                "--filter", "specialty=Neurologist", "botox"});
    CHECK(two["results"].size() > j["results"].size());
    auto none = search_json(db, {"--filter", "specialty=Dermatologist", "--filter", "location=Nowhere", "botox"});
    CHECK(none["results"].empty());
}

TEST_CASE("Facet counts match the answers that carry each value", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"--all-answers", "--per-page", "100", "--facets", "filler"});
    std::map<std::string, std::uint64_t> counted;
    for (const auto& hit : j["results"]) ++counted[hit["specialty"].get<std::string>()];
    REQUIRE(j["facets"].contains("specialty"));
    REQUIRE(j["facets"]["specialty"].size() > 1);
    for (const auto& facet : j["facets"]["specialty"]) CHECK(facet["count"] == counted[facet["value"]]);
    CHECK(j["facets"].contains("source"));
    CHECK(j["facets"].contains("category"));
}

TEST_CASE("Query language: phrases, fields, boolean operators and ranges", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    SECTION("author: searches the author field") {
        auto j = search_json(db, {"author:fenwick"});
        REQUIRE(j["results"].size() == 1);
        CHECK(j["results"][0]["author"] == "Cordelia Fenwick, MD");
    }
    SECTION("a field naming what an answer is narrows the search, as a filter") {
        // OR'd as a word, "specialty:dermatologist botox" listed every
        // dermatologist's answer, Botox or not.
        auto botox = search_json(db, {"--all-answers", "--per-page", "100", "botox"});
        auto narrowed = search_json(db, {"--all-answers", "--per-page", "100", "specialty:dermatologists botox"});
        REQUIRE(narrowed["results"].size() > 0);
        CHECK(narrowed["results"].size() < botox["results"].size());
        // The words are still weighed; the filter adds no weight of its own.
        for (const auto& hit : narrowed["results"]) {
            CHECK(hit["specialty"].get<std::string>().find("Dermatologist") != std::string::npos);
            CHECK(hit["score"].get<double>() > 0);
        }
        auto excluded = search_json(db, {"--all-answers", "--per-page", "100", "botox -specialty:dermatologists"});
        CHECK(excluded["results"].size() + narrowed["results"].size() == botox["results"].size());
        for (const auto& hit : excluded["results"])
            CHECK(hit["specialty"].get<std::string>().find("Dermatologist") == std::string::npos);
        // Two values of one field: either; two fields: both.
        auto either = search_json(db, {"--all-answers", "--per-page", "100",
                                       "specialty:dermatologist specialty:neurologist botox"});
        CHECK(either["results"].size() > narrowed["results"].size());
        auto both = search_json(db, {"--all-answers", "--per-page", "100",
                                     "specialty:dermatologist source:nosuchsource botox"});
        CHECK(both["results"].empty());
        // Matching nothing is the answer: no retry as plain words, and the
        // value that matches no answer is named.
        REQUIRE(both["notices"].size() == 1);
        CHECK(both["notices"][0] == "no answers where source has 'nosuchsource'");
    }
    SECTION("NOT excludes") {
        auto with = search_json(db, {"--per-page", "100", "botox"});
        auto without = search_json(db, {"--per-page", "100", "botox NOT atrophy"});
        CHECK(without["results"].size() < with["results"].size());
    }
    SECTION("rating ranges filter on the author's rating") {
        auto j = search_json(db, {"--all-answers", "--per-page", "100", "botox rating:4.8..5"});
        REQUIRE(j["results"].size() > 0);
        for (const auto& hit : j["results"]) CHECK(hit["rating"].get<double>() >= 4.8);
    }
    SECTION("sort by rating orders by the rating") {
        auto j = search_json(db, {"--all-answers", "--sort", "rating", "--per-page", "50", "filler"});
        double previous = 5.0;
        for (const auto& hit : j["results"]) {
            double r = hit["rating"].is_null() ? 0.0 : hit["rating"].get<double>();
            CHECK(r <= previous);
            previous = r;
        }
    }
}

TEST_CASE("A query syntax error falls back to plain words and says so", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"botox AND OR atrophy"});
    CHECK(j["results"].size() > 0);
    REQUIRE(j["notices"].size() == 1);
    CHECK(j["notices"][0].get<std::string>().find("searched as plain words") != std::string::npos);
}

TEST_CASE("Bad searches get one line on stderr and a documented exit code", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    SECTION("missing database: 5") {
        auto r = search((dir / "nope").string(), {"botox"});
        CHECK(r.exit_code == 5);
        CHECK(r.err == "qadex-search: no database at '" + (dir / "nope").string() + "' (build one with qadex-index)\n");
    }
    SECTION("invalid UTF-8: 7") {
        auto r = search(db, {"bo\xfftox"});
        CHECK(r.exit_code == 7);
        CHECK(r.err == "qadex-search: the query is not valid UTF-8\n");
    }
    SECTION("over-long query: 7") {
        auto r = search(db, {std::string(5000, 'a')});
        CHECK(r.exit_code == 7);
        CHECK(r.err == "qadex-search: the query is longer than 4096 bytes\n");
    }
    SECTION("blank query: 7") {
        auto r = search(db, {"   "});
        CHECK(r.exit_code == 7);
        CHECK(r.err == "qadex-search: the query is empty\n");
    }
    SECTION("usage: 2") {
        CHECK(search(db, {}).exit_code == 2);
        CHECK(search(db, {"--per-page", "0", "x"}).exit_code == 2);
        CHECK(search(db, {"--page", "-1", "x"}).exit_code == 2);
        auto r = search(db, {"--filter", "color=red", "x"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.starts_with("qadex-search: --filter field 'color' is not one of: author, specialty, location, source, tag, category\n"));
    }
    SECTION("another schema version: 6") {
        test::set_schema_version(db, "999");
        auto r = search(db, {"botox"});
        CHECK(r.exit_code == 6);
        CHECK(r.err.find("has index schema version 999") != std::string::npos);
    }
}

TEST_CASE("ICU is loaded only when a query has non-ASCII text, and then folds it", "[cli][searcher][analysis]") {
    // Loading ICU costs a process about 0.2 ms (a tenth of a one-query run),
    // so the searcher opens it on first use. glibc's LD_DEBUG=libs names
    // every library a process loads, at start-up or later.
    test::TempDir dir;
    auto db = corpus_db(dir);
    const auto loads_icu = [&](const std::vector<std::string>& args) {
        std::vector<std::string> argv{test::search_tool(), "--db", db, "--format", "json"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = test::run_process(argv, "", {"LD_DEBUG=libs"});
        INFO(r.err.substr(0, 2000));
        REQUIRE(r.exit_code == 0);
        CHECK(nlohmann::json::parse(r.out)["results"].size() >= 1);
        return r.err.find("libicuuc.so") != std::string::npos;
    };
    CHECK_FALSE(loads_icu({"does Botox cause atrophy"}));
    // Full-width letters and an accent fold to the ASCII words of the corpus.
    CHECK(loads_icu({"ＢＯＴＯＸ atróphy"}));
    auto j = search_json(db, {"ＢＯＴＯＸ atróphy"});
    REQUIRE_FALSE(j["results"].empty());
    CHECK(j["results"][0]["snippet_html"].get<std::string>().find("<mark>") != std::string::npos);
}

TEST_CASE("A filter that matches no answer says so", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto notices = [&](const std::vector<std::string>& args) {
        auto j = search_json(db, args);
        CHECK(j["results"].empty());
        return j["notices"].dump();
    };
    CHECK(notices({"--filter", "author=kaplan", "botox"}).find("no answers where author = 'kaplan'") !=
          std::string::npos);
    CHECK(notices({"author:kaplan botox"}).find("no answers where author has 'kaplan'") != std::string::npos);
    CHECK(notices({"specialty:\"plastic zzsurgeon\" botox"}).find("no answers where specialty has 'plastic zzsurgeon'") !=
          std::string::npos);
    // A filter that matches answers, just not these words: no such notice.
    const std::string other = notices({"author:fenwick zzunknownword"});
    CHECK(other.find("no answers where") == std::string::npos);
}
