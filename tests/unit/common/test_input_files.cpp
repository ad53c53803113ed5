// Expanding INPUT arguments into files.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <qadex/input_files.hpp>

#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

TEST_CASE("A directory is walked recursively in sorted order, by extension", "[inputs]") {
    test::TempDir dir;
    fs::create_directories(dir / "b/deeper");
    test::write_file(dir / "b/deeper/z.txt", "x");
    test::write_file(dir / "b/a.jsonl", "x");
    test::write_file(dir / "a.JSONL.GZ", "x");
    test::write_file(dir / "notes.md", "ignored");
    test::write_file(dir / "c.ndjson", "x");
    std::vector<InputError> problems;
    auto inputs = discover_inputs({dir.path().string()}, problems);
    CHECK(problems.empty());
    std::vector<std::string> names;
    for (const auto& in : inputs) names.push_back(in.path.lexically_relative(dir.path()).generic_string());
    CHECK(names == std::vector<std::string>{"a.JSONL.GZ", "b/a.jsonl", "b/deeper/z.txt", "c.ndjson"});
    CHECK(inputs[2].format == InputFormat::page);
    CHECK(inputs[2].default_id == "b/deeper/z");
    CHECK(inputs[0].format == InputFormat::jsonl);
}

TEST_CASE("A page given as a file gets its file name as thread id", "[inputs]") {
    test::TempDir dir;
    test::write_file(dir / "page-one.txt", "x");
    std::vector<InputError> problems;
    auto inputs = discover_inputs({(dir / "page-one.txt").string()}, problems);
    REQUIRE(inputs.size() == 1);
    CHECK(inputs[0].default_id == "page-one");
}

TEST_CASE("Missing paths and unknown file types are problems, the rest still counts", "[inputs]") {
    test::TempDir dir;
    test::write_file(dir / "data.csv", "x");
    test::write_file(dir / "ok.jsonl", "x");
    std::vector<InputError> problems;
    auto inputs = discover_inputs({(dir / "nope").string(), (dir / "data.csv").string(), (dir / "ok.jsonl").string(), "-"},
                                  problems);
    REQUIRE(problems.size() == 2);
    CHECK(std::string(problems[0].what()) == (dir / "nope").string() + ": no such file or directory");
    CHECK(std::string(problems[1].what()) ==
          (dir / "data.csv").string() + ": unknown input type (expected .jsonl, .jsonl.gz, .ndjson, .txt, .html or .htm)");
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[1].display_name == "<stdin>");
}

TEST_CASE("Symbolic link loops in a directory do not make the walk recur", "[inputs]") {
    test::TempDir dir;
    fs::create_directories(dir / "d");
    test::write_file(dir / "d/x.jsonl", "x");
    fs::create_directory_symlink(dir.path(), dir / "d/loop");
    std::vector<InputError> problems;
    auto inputs = discover_inputs({dir.path().string()}, problems);
    CHECK(inputs.size() == 1);
}

TEST_CASE("Pages saved as HTML (.html, .htm, any case) are HTML pages with a path id", "[inputs]") {
    test::TempDir dir;
    fs::create_directories(dir / "site");
    test::write_file(dir / "site/a.html", "x");
    test::write_file(dir / "site/b.HTM", "x");
    test::write_file(dir / "site/c.xhtml", "ignored");
    std::vector<InputError> problems;
    auto inputs = discover_inputs({dir.path().string()}, problems);
    CHECK(problems.empty());
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[0].format == InputFormat::html_page);
    CHECK(inputs[0].default_id == "site/a");
    CHECK(inputs[1].format == InputFormat::html_page);
    CHECK(inputs[1].default_id == "site/b");
    CHECK(format_of("page.htm") == InputFormat::html_page);
    CHECK(!format_of("page.html.bak"));
}

TEST_CASE("A FIFO or device named as input, or found with an input's name, is a problem, the rest still counts", "[inputs]") {
    test::TempDir dir;
    fs::create_directories(dir / "d");
    test::write_file(dir / "d/good.jsonl", "x");
    REQUIRE(::mkfifo((dir / "d/pipe.jsonl").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((dir / "d/other-pipe").c_str(), 0600) == 0);  // no input's name: not looked at
    fs::create_symlink("/dev/zero", dir / "d/zero.jsonl");
    REQUIRE(::mkfifo((dir / "named.jsonl").c_str(), 0600) == 0);
    std::vector<InputError> problems;
    auto inputs = discover_inputs({(dir / "named.jsonl").string(), (dir / "d").string(), "/dev/zero"}, problems);
    std::vector<std::string> messages;
    for (const auto& p : problems) messages.emplace_back(p.what());
    std::sort(messages.begin(), messages.end());  // a directory's problems come in the order it lists them
    CHECK(messages == std::vector<std::string>{"/dev/zero: not a regular file (a character device)",
                                               (dir / "d/pipe.jsonl").string() + ": not a regular file (a FIFO)",
                                               (dir / "d/zero.jsonl").string() + ": not a regular file (a character device)",
                                               (dir / "named.jsonl").string() + ": not a regular file (a FIFO)"});
    REQUIRE(inputs.size() == 1);
    CHECK(inputs[0].path == dir / "d/good.jsonl");
}
