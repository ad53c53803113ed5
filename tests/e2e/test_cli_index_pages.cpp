// qadex-index on scraped pages as a crawler saves them: a directory of HTML
// pages indexed by the real program and found by the real searcher.
#include <catch2/catch.hpp>

#include <filesystem>

#include "search_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using qadex::test::run_process;

TEST_CASE("A directory of HTML pages is indexed and searchable, and a count mismatch is a warning, not a skip",
          "[cli][indexer][html]") {
    qadex::test::TempDir dir;
    fs::create_directories(dir / "site/q");
    for (auto name : {"names_spanish.html", "signoff_in_body.html", "count_mismatch.html", "article.html"})
        fs::copy_file(qadex::test::fixtures_dir() / "pages" / name, dir / ("site/q/" + std::string(name)));
    auto db = (dir / "db").string();
    auto r = run_process({qadex::test::index_tool(), "--db", db, (dir / "site").string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("qadex-index: warning: " + (dir / "site/q/count_mismatch.html").string() +
                     ":8: page says 3 answers but 2 were found\n") != std::string::npos);
    CHECK(r.err.find("4 threads (8 answers) read from 4 files") != std::string::npos);
    CHECK(r.err.find("; 0 skipped; 1 warning; ") != std::string::npos);

    auto hits = qadex::test::search_json(db, {"seroma drained"});
    REQUIRE(hits["results"].size() == 1);
    const auto& hit = hits["results"][0];
    CHECK(hit["thread_id"] == "q/signoff_in_body");
    CHECK(hit["answer_title"] == "Watch for a collection of fluid");
    CHECK(hit["author"] == "Meera Joshi, MD");
    CHECK(hit["location"] == "Austin");
    CHECK(hit["rating"] == 4.9);

    auto spanish = qadex::test::search_json(db, {"paediatrician lump antibiotics"});
    REQUIRE(!spanish["results"].empty());
    CHECK(spanish["results"][0]["author"] == "José Luis de los Santos y Vega, MD, FACS");
    CHECK(spanish["results"][0]["url"] == "https://answers.example.org/q/filler-while-breastfeeding");

    // The answers of the page whose count did not add up are in the index.
    CHECK(qadex::test::search_json(db, {"telogen effluvium"})["results"].size() == 1);
}

TEST_CASE("Broken HTML files are reported as FILE: reason and skipped, the rest indexed", "[cli][indexer][html]") {
    qadex::test::TempDir dir;
    qadex::test::write_file(dir / "empty.html", "");
    qadex::test::write_file(dir / "binary.htm", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
    fs::copy_file(qadex::test::fixtures_dir() / "pages" / "multiword_cities.html", dir / "good.html");
    auto r = run_process({qadex::test::index_tool(), "--db", (dir / "db").string(), dir.path().string()});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find((dir / "empty.html").string() + ": empty page\n") != std::string::npos);
    CHECK(r.err.find((dir / "binary.htm").string() + ":3: not text: NUL byte at offset 8\n") != std::string::npos);
    CHECK(r.err.find("1 thread (3 answers) read from 3 files") != std::string::npos);
    CHECK(r.err.find("; 2 skipped; ") != std::string::npos);
    CHECK(r.err.find("warning") == std::string::npos);
}
