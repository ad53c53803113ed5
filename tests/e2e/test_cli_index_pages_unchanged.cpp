// Nightly re-runs over scraped page files (issue 17): a page whose size and
// modification time are those it was indexed with is not even read again, as
// omindex and Recoll do; one touched is read and compared by content hash.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <filesystem>

#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

test::ProcessResult index(const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::index_tool()};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process(argv);
}

bool says(const test::ProcessResult& r, const std::string& part) {
    INFO(r.err);
    return r.err.find(part) != std::string::npos;
}

// The sample corpus's 20 pages, copied where the test may change them.
struct Pages {
    test::TempDir dir;
    fs::path pages = dir / "pages";
    std::string db = (dir / "db").string();
    Pages() { fs::copy(test::source_dir() / "corpus" / "pages", pages); }
    fs::path page(const char* name) const { return pages / name; }
};

}  // namespace

TEST_CASE("An unchanged page file is not read again, and --force reads every page", "[cli][indexer][unchanged]") {
    Pages p;
    auto first = index({"--db", p.db, p.pages.string()});
    REQUIRE(first.exit_code == 0);
    const auto read_line = first.err.substr(0, first.err.find(" read from"));  // "qadex-index: 20 threads (N answers)"

    // Same size and modification time, but unreadable content: skipped unread.
    const fs::path victim = p.page("03-eyelid-ptosis-after-botox.txt");
    const auto size = fs::file_size(victim);
    const auto mtime = fs::last_write_time(victim);
    test::write_file(victim, std::string(size, '\0'));
    fs::last_write_time(victim, mtime);
    auto again = index({"--db", p.db, p.pages.string()});
    CHECK(again.exit_code == 0);
    CHECK(says(again, "threads 0 added, 0 replaced, 0 deleted, 20 unchanged; answers 0 added, 0 replaced"));
    CHECK(again.err.starts_with(read_line + " read from"));  // the answers of unread pages are counted

    // --force reads and rewrites everything: the page is now bad.
    auto forced = index({"--db", p.db, "--force", p.pages.string()});
    CHECK(forced.exit_code == 3);
    CHECK(says(forced, victim.string() + ":1: not text: NUL byte at offset 0"));
    CHECK(says(forced, "threads 0 added, 19 replaced, 0 deleted, 0 unchanged"));
}

TEST_CASE("A touched page is read again but written only when its content changed", "[cli][indexer][unchanged]") {
    Pages p;
    REQUIRE(index({"--db", p.db, p.pages.string()}).exit_code == 0);
    const Xapian::rev revision = Xapian::Database(p.db).get_revision();

    // A new modification time, the same text: parsed, hashed, left alone.
    const fs::path touched = p.page("05-radiesse-vs-sculptra-cheeks.txt");
    fs::last_write_time(touched, fs::last_write_time(touched) + std::chrono::seconds(10));
    auto same = index({"--db", p.db, p.pages.string()});
    CHECK(same.exit_code == 0);
    CHECK(says(same, "threads 0 added, 0 replaced, 0 deleted, 20 unchanged"));
    CHECK(Xapian::Database(p.db).get_revision() == revision);

    // New text: replaced.
    std::string text = test::read_file(touched);
    text.replace(text.find("I'm 49"), 6, "My quokka is 49");
    test::write_file(touched, text);
    auto edited = index({"--db", p.db, p.pages.string()});
    CHECK(edited.exit_code == 0);
    CHECK(says(edited, "threads 0 added, 1 replaced, 0 deleted, 19 unchanged"));
    Xapian::Database db(p.db);
    CHECK(db.get_termfreq("XQquokka") > 0);
}

TEST_CASE("An unread page of a thread that a later input rewrites in the same run is read after all", "[cli][indexer][unchanged]") {
    Pages p;
    REQUIRE(index({"--db", p.db, p.pages.string()}).exit_code == 0);
    // The same thread id from JSON Lines first, then its unchanged page: the page wins, as it always did.
    const std::string jsonl = (p.dir / "other.jsonl").string();
    test::write_file(jsonl, R"({"id":"page-botox-brow-drop","title":"Elsewhere","answers":[{"id":"x-a1","body":"Other text."}]})"
                            "\n");
    auto r = index({"--db", p.db, jsonl, p.page("01-botox-brow-drop.txt").string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(says(r, "threads 0 added, 2 replaced, 0 deleted, 0 unchanged"));
    Xapian::Database db(p.db);
    CHECK(db.get_termfreq("Seyebrows") > 0);  // the page's title is back
    CHECK(db.get_termfreq("Selsewhere") == 0);
}
