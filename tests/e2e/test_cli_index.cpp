// qadex-index as a user runs it: a real process on real files and databases.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <qadex/schema.hpp>

#include "index_writer.hpp"
#include "test_support.hpp"

using namespace qadex;
using test::run_process;

namespace {

std::string good_line(const std::string& id) {
    return R"({"id":")" + id + R"(","title":"Botox question )" + id + R"(","answers":[{"id":")" + id +
           R"(-a1","body":"Botox relaxes muscles."}]})";
}

test::ProcessResult index(const std::vector<std::string>& args, const std::string& stdin_text = {}) {
    std::vector<std::string> argv{test::index_tool()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, stdin_text);
}

}  // namespace

TEST_CASE("Bad JSON lines are skipped with FILE:LINE reasons and exit code 3, good ones are indexed", "[cli][indexer]") {
    test::TempDir dir;
    auto input = (dir / "mixed.jsonl").string();
    test::write_file(input, good_line("t1") + "\n" + "{not json}\n" + R"({"answers":[]})" + "\n" + good_line("t2") +
                                "\n" + "{\"id\":\"t3\xff\",\"answers\":[]}\n");
    auto db = (dir / "db").string();
    auto r = index({"--db", db, input});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(input + ":2: invalid JSON at byte 3: syntax error while parsing object key - invalid literal; "
                             "last read: '{no'; expected string literal\n") != std::string::npos);
    CHECK(r.err.find(input + ":3: missing required field 'id'\n") != std::string::npos);
    CHECK(r.err.find(input + ":5: invalid UTF-8 at byte 10\n") != std::string::npos);
    CHECK(r.err.find("3 skipped") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 2);
}

TEST_CASE("A clean run exits 0 and --stats prints the database counts", "[cli][indexer]") {
    test::TempDir dir;
    auto input = (dir / "ok.jsonl").string();
    test::write_file(input, good_line("t1") + "\n" + good_line("t2") + "\n");
    auto r = index({"--db", (dir / "db").string(), "--stats", input});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("answers: 2\nthreads: 2\n") != std::string::npos);
    CHECK(r.err.find("threads 2 added, 0 replaced, 0 deleted") != std::string::npos);
}

TEST_CASE("JSON Lines can come from standard input", "[cli][indexer]") {
    test::TempDir dir;
    auto r = index({"--db", (dir / "db").string(), "-"}, good_line("s1") + "\n" + good_line("s2") + "\n");
    CHECK(r.exit_code == 0);
    CHECK(Xapian::Database((dir / "db").string()).get_doccount() == 2);
}

TEST_CASE("A dry run parses and reports but writes no database", "[cli][indexer]") {
    test::TempDir dir;
    auto input = (dir / "ok.jsonl").string();
    test::write_file(input, good_line("t1") + "\n{}\n");
    auto r = index({"--db", (dir / "db").string(), "--dry-run", input});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(input + ":2: missing required field 'id'") != std::string::npos);
    CHECK(r.err.find("dry run: nothing written") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "db"));
}

TEST_CASE("Deleting by thread id removes threads and re-running the same input changes nothing", "[cli][indexer]") {
    test::TempDir dir;
    auto input = (dir / "ok.jsonl").string();
    auto db = (dir / "db").string();
    test::write_file(input, good_line("t1") + "\n" + good_line("t2") + "\n");
    REQUIRE(index({"--db", db, input}).exit_code == 0);
    auto again = index({"--db", db, input});
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("threads 0 added, 0 replaced, 0 deleted, 2 unchanged") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 2);
    auto del = index({"--db", db, "--delete", "t1", "--delete", "nope"});
    CHECK(del.exit_code == 0);
    CHECK(del.err.find("threads 0 added, 0 replaced, 1 deleted") != std::string::npos);
    CHECK(del.err.find("1 id to delete not found") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 1);
}

TEST_CASE("A second indexer on a locked database exits 4 with one line", "[cli][indexer]") {
    test::TempDir dir;
    auto input = (dir / "ok.jsonl").string();
    auto db = (dir / "db").string();
    test::write_file(input, good_line("t1") + "\n");
    IndexWriter holder(db, 10);
    auto r = index({"--db", db, input});
    CHECK(r.exit_code == 4);
    CHECK(r.err == "qadex-index: '" + db + "' is locked by another writer (another qadex-index is running)\n");
}

TEST_CASE("A database of another schema version is refused by the indexer with exit code 6", "[cli][indexer][schema]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    test::set_schema_version(db, "0");
    auto input = (dir / "ok.jsonl").string();
    test::write_file(input, good_line("t1") + "\n");
    auto r = index({"--db", db, input});
    CHECK(r.exit_code == 6);
    CHECK(r.err.find("has index schema version 0 but this qadex uses version") != std::string::npos);
}

TEST_CASE("Command-line mistakes exit 2 with the usage line", "[cli][indexer]") {
    struct Row {
        std::vector<std::string> args;
        std::string message;
    };
    const Row rows[] = {
        {{}, "qadex-index: no INPUT given (a file, a directory, or - for standard input)\n"},
        {{"--batch-size", "0", "x.jsonl"}, "qadex-index: --batch-size must be at least 1\n"},
        {{"--batch-size", "many", "x.jsonl"}, "qadex-index: the argument ('many') for option '--batch-size' is invalid\n"},
        {{"--frobnicate", "x.jsonl"}, "qadex-index: unrecognised option '--frobnicate'\n"},
    };
    for (const auto& row : rows) {
        auto r = index(row.args);
        CHECK(r.exit_code == 2);
        CHECK(r.err.starts_with(row.message));
        CHECK(r.err.find("Usage: qadex-index") != std::string::npos);
    }
}

TEST_CASE("Help and version print to stdout and exit 0", "[cli][indexer]") {
    auto help = index({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--batch-size") != std::string::npos);
    auto version = index({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.starts_with("qadex-index "));
}

TEST_CASE("A missing input is reported and the other inputs are still indexed", "[cli][indexer]") {
    test::TempDir dir;
    auto input = (dir / "ok.jsonl").string();
    test::write_file(input, good_line("t1") + "\n");
    auto missing = (dir / "missing.jsonl").string();
    auto r = index({"--db", (dir / "db").string(), missing, input});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("qadex-index: " + missing + ": no such file or directory\n") != std::string::npos);
    CHECK(Xapian::Database((dir / "db").string()).get_doccount() == 1);
}
