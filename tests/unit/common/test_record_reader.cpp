// Reading records from plain, gzip and page files, including damaged ones.
#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
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
            // A long record by its size: a failed check would print it all.
            out.push_back(std::to_string(r.line) + ":" +
                          (r.text.size() > 200 ? std::to_string(r.text.size()) + " bytes" : r.text));
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

TEST_CASE("A FIFO or a device is refused as not a regular file, without waiting for a writer", "[reader][inputs]") {
    TempDir dir;
    const auto fifo = dir / "fifo.jsonl";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Without a writer, opening the FIFO for reading would wait for ever.
    CHECK_THROWS_WITH(RecordReader(jsonl_input(fifo)), fifo.string() + ": not a regular file (a FIFO)");
    // With one that never writes, reading it would.
    const int writer = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(writer >= 0);
    CHECK_THROWS_WITH(RecordReader(jsonl_input(fifo)), fifo.string() + ": not a regular file (a FIFO)");
    ::close(writer);
    // /dev/zero behind an input's name would be read for ever.
    const auto zero = dir / "zero.jsonl";
    std::filesystem::create_symlink("/dev/zero", zero);
    CHECK_THROWS_WITH(RecordReader(jsonl_input(zero)), zero.string() + ": not a regular file (a character device)");
}

TEST_CASE("A file with no newline in its first 64 MiB is refused whole, not read to its end", "[reader]") {
    TempDir dir;
    const std::string no_newline(max_record_bytes + (1 << 20), 'x');  // well past the reads that find the 64 MiB mark
    const std::string after = "{\"id\":\"after\",\"answers\":[]}\n";
    const auto plain = dir / "binary.jsonl";
    test::write_file(plain, no_newline + "\n" + after);
    const auto gz = dir / "binary.jsonl.gz";
    write_gzip(gz, no_newline + "\n" + after);
    for (const auto& path : {plain, gz}) {
        INFO(path);
        CHECK(read_all(jsonl_input(path)) ==
              std::vector<std::string>{"ERROR " + path.string() + ": no newline in the first 64 MiB (not JSON Lines); file skipped"});
    }
    // After a first line, an over-long line is skipped and the rest still read.
    const auto later = dir / "later.jsonl";
    test::write_file(later, after + no_newline + "\n" + after);
    CHECK(read_all(jsonl_input(later)) ==
          std::vector<std::string>{"1:" + after.substr(0, after.size() - 1),
                                   "ERROR " + later.string() + ":2: line longer than 64 MiB, skipped",
                                   "3:" + after.substr(0, after.size() - 1)});
}

TEST_CASE("A read ends at the stop flag, even in the middle of an over-long line", "[reader]") {
    TempDir dir;
    const auto path = dir / "a.jsonl";
    test::write_file(path, "{\"a\":1}\n" + std::string(max_record_bytes + (1 << 20), 'x') + "\n{\"b\":2}\n");
    std::atomic<int> stop{0};
    RecordReader reader(jsonl_input(path));
    reader.stop_when(&stop);
    RawRecord r;
    REQUIRE(reader.next(r));
    CHECK(r.text == "{\"a\":1}");
    stop = SIGTERM;
    CHECK_FALSE(reader.next(r));  // not "line longer than 64 MiB", nor the record after it
}
