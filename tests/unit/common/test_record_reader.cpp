// Reading records from plain, gzip and page files, including damaged ones.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <qadex/error.hpp>
#include <qadex/record_reader.hpp>

#include "test_support.hpp"

using namespace qadex;
using qadex::test::TempDir;

namespace {

void write_gzip(const std::filesystem::path& path, const std::string& content) {
    gzFile gz = gzopen(path.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
    REQUIRE(gzclose(gz) == Z_OK);
}

InputFile jsonl_input(const std::filesystem::path& p) { return {p, p.string(), InputFormat::jsonl, {}}; }

// Reads every record, turning errors into "ERROR <message>" entries.
std::vector<std::string> read_all(const InputFile& input) {
    std::vector<std::string> out;
    RecordReader reader(input);
    RawRecord r;
    for (;;) {
        try {
            if (!reader.next(r)) break;
            out.push_back(std::to_string(r.line) + ":" + r.text);
        } catch (const InputError& e) {
            out.push_back(std::string("ERROR ") + e.what());
        }
    }
    return out;
}

}  // namespace

TEST_CASE("JSON Lines records keep their line numbers across blank lines and CRLF", "[reader]") {
    TempDir dir;
    auto path = dir / "a.jsonl";
    test::write_file(path, "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}");
    CHECK(read_all(jsonl_input(path)) == std::vector<std::string>{"1:{\"a\":1}", "4:{\"b\":2}", "5:{\"c\":3}"});
}

TEST_CASE("Gzip-compressed JSON Lines read the same as plain ones", "[reader]") {
    TempDir dir;
    auto path = dir / "a.jsonl.gz";
    write_gzip(path, "{\"a\":1}\n{\"b\":2}\n");
    CHECK(read_all(jsonl_input(path)) == std::vector<std::string>{"1:{\"a\":1}", "2:{\"b\":2}"});
}

TEST_CASE("A truncated gzip file yields its complete lines, then an error naming the line", "[reader]") {
    TempDir dir;
    auto full = dir / "full.jsonl.gz";
    std::string content;
    for (int i = 0; i < 2000; ++i) content += "{\"id\":\"thread-" + std::to_string(i) + "\",\"answers\":[]}\n";
    write_gzip(full, content);
    std::string bytes = test::read_file(full);
    auto cut = dir / "cut.jsonl.gz";
    test::write_file(cut, bytes.substr(0, bytes.size() / 2));
    auto records = read_all(jsonl_input(cut));
    REQUIRE(records.size() >= 2);
    CHECK(records.front() == "1:{\"id\":\"thread-0\",\"answers\":[]}");
    CHECK(records.back().starts_with("ERROR " + cut.string() + ":"));
    CHECK(records.back().find("truncated compressed data") != std::string::npos);
}

TEST_CASE("A missing input file is reported by name", "[reader]") {
    TempDir dir;
    auto path = dir / "missing.jsonl";
    CHECK_THROWS_WITH(RecordReader(jsonl_input(path)), path.string() + ": cannot open: No such file or directory");
}

TEST_CASE("A page file is one record starting at line 1", "[reader]") {
    TempDir dir;
    auto path = dir / "p.txt";
    test::write_file(path, "Title?\n\nBody.\n");
    InputFile in{path, path.string(), InputFormat::page, "p"};
    CHECK(read_all(in) == std::vector<std::string>{"1:Title?\n\nBody.\n"});
}
