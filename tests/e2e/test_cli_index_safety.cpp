// qadex-index never loses what is not its own, and commits piped input as it
// arrives (issue 17, "Safe indexing"): real processes on real directories.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <optional>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <xapian.h>

#include "build_lock.hpp"
#include "index_writer.hpp"
#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace std::string_literals;

namespace {

std::string thread_line(const std::string& id) {
    return R"({"id":")" + id + R"(","title":"Question )" + id + R"(","answers":[{"id":")" + id +
           R"(-a1","body":"Botox relaxes muscles."}]})";
}

test::ProcessResult index(const std::vector<std::string>& args, const std::string& stdin_text = {}) {
    std::vector<std::string> argv{test::index_tool()};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process(argv, stdin_text);
}

// "m7"; built piecewise: GCC 12 misreads "m" + std::to_string(i) (-Wstringop-overflow).
std::string numbered(const char* prefix, int i) {
    std::string id = prefix;
    id += std::to_string(i);
    return id;
}

std::string write_input(const test::TempDir& dir, const std::string& name, std::initializer_list<const char*> ids) {
    std::string text;
    for (const char* id : ids) text += thread_line(id) + "\n";
    test::write_file(dir / name, text);
    return (dir / name).string();
}

// The operator's directory: files and a subdirectory, none of them qadex's.
fs::path make_operator_dir(const fs::path& path) {
    fs::create_directories(path / "photos");
    test::write_file(path / "notes.txt", "my notes\n");
    test::write_file(path / "photos" / "cat.jpg", "not really a cat\n");
    return path;
}

void check_operator_dir_intact(const fs::path& path) {
    CHECK(test::read_file(path / "notes.txt") == "my notes\n");
    CHECK(test::read_file(path / "photos" / "cat.jpg") == "not really a cat\n");
    CHECK_FALSE(fs::exists(path / "iamglass"));
}

Xapian::doccount doc_count(const std::string& db) { return Xapian::Database(db).get_doccount(); }

// Waits for `done`, at most 20 s (a loaded machine).
template <typename F>
bool wait_until(F done) {
    for (auto end = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < end;) {
        if (done()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

// The exit code of `pid` if it ends within `limit`.
std::optional<int> wait_for_exit(int pid, std::chrono::milliseconds limit) {
    for (auto end = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < end;) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
}

void write_all(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        REQUIRE(n > 0);
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

TEST_CASE("Rebuilding refuses a directory that is not a qadex database and leaves its files", "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto input = write_input(dir, "in.jsonl", {"t1"});
    const auto db = make_operator_dir(dir / "documents").string();
    auto r = index({"--db", db, "--rebuild", input});
    CHECK(r.exit_code == 6);
    CHECK(r.err == "qadex-index: '" + db + "' exists and is not a qadex database; refusing to replace it\n");
    check_operator_dir_intact(db);
    CHECK_FALSE(fs::exists(db + ".rebuild"));
    // With one thread and with --shards, the same.
    CHECK(index({"--db", db, "--rebuild", "-j1", input}).exit_code == 6);
    CHECK(index({"--db", db, "--rebuild", "--shards", "2", input}).exit_code == 6);
    check_operator_dir_intact(db);
    // A regular file is not a database either.
    test::write_file(dir / "file.db", "some bytes\0"s);
    auto file = index({"--db", (dir / "file.db").string(), "--rebuild", input});
    CHECK(file.exit_code == 6);
    CHECK(test::read_file(dir / "file.db") == "some bytes\0"s);
}

TEST_CASE("A database is not created inside a directory holding other files", "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto input = write_input(dir, "in.jsonl", {"t1"});
    const auto db = make_operator_dir(dir / "documents").string();
    for (const char* threads : {"1", "2"}) {
        auto r = index({"--db", db, "-j", threads, input});
        CHECK(r.exit_code == 6);
        CHECK(r.err == "qadex-index: '" + db + "' exists and is not a qadex database; refusing to create a database in it\n");
    }
    CHECK(index({"--db", db, "--shards", "2", input}).exit_code == 6);
    check_operator_dir_intact(db);
    CHECK_FALSE(fs::exists(db + "/shard-0"));
    // An empty directory holds nothing to lose: it becomes the database.
    fs::create_directory(dir / "empty");
    CHECK(index({"--db", (dir / "empty").string(), input}).exit_code == 0);
    CHECK(doc_count((dir / "empty").string()) == 1);
}

TEST_CASE("Rebuilding replaces a qadex database, also one of another schema version", "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    test::set_schema_version(db, "1");
    const auto input = write_input(dir, "in.jsonl", {"t1", "t2"});
    auto r = index({"--db", db, "--rebuild", input});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(doc_count(db) == 2);
    CHECK_FALSE(fs::exists(db + ".rebuild"));
}

TEST_CASE("A leftover PATH.rebuild is deleted only when qadex-index left it, and only under the build lock",
          "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto input = write_input(dir, "in.jsonl", {"t1", "t2"});
    const auto db = (dir / "db").string();
    REQUIRE(index({"--db", db, input}).exit_code == 0);

    SECTION("another run holds the lock: its PATH.rebuild is left alone") {
        {
            IndexWriter building(db + ".rebuild", 10);  // that run's new index, being written
            building.commit();
        }
        BuildLock other_run(db);
        auto r = index({"--db", db, "--rebuild", input});
        CHECK(r.exit_code == 4);
        CHECK(fs::exists(db + ".rebuild/iamglass"));
    }
    SECTION("a killed rebuild's half-written index is replaced") {
        fs::create_directories(db + ".rebuild");
        test::write_file(db + ".rebuild/postlist.glass", "half written");
        fs::create_directories(db + ".rebuild.shards/shard-1");
        test::write_file(db + ".rebuild.shards/shard-1/termlist.glass", "half written");
        auto r = index({"--db", db, "--rebuild", "-j2", input});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(doc_count(db) == 2);
        CHECK_FALSE(fs::exists(db + ".rebuild"));
        CHECK_FALSE(fs::exists(db + ".rebuild.shards"));
    }
    SECTION("the operator's PATH.rebuild, PATH.old or PATH.shards is refused, not deleted") {
        for (const char* name : {".rebuild", ".old", ".rebuild.shards"}) {
            make_operator_dir(db + name);
            auto r = index({"--db", db, "--rebuild", input});
            CHECK(r.exit_code == 6);
            CHECK(r.err == "qadex-index: '" + db + name +
                               "' exists and was not left by qadex-index; refusing to delete it (move it away and "
                               "run again)\n");
            check_operator_dir_intact(db + name);
            CHECK(doc_count(db) == 2);
            fs::rename(db + name, dir / (std::string("kept") + name));
        }
        const auto fresh = (dir / "fresh").string();
        make_operator_dir(fresh + ".shards");
        CHECK(index({"--db", fresh, "-j2", input}).exit_code == 6);
        check_operator_dir_intact(fresh + ".shards");
        CHECK_FALSE(fs::exists(fresh));
    }
}

TEST_CASE("A missing or unreadable input is reported and creates no empty database", "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    const auto missing = (dir / "missing.jsonl").string();
    auto r = index({"--db", db, missing});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "qadex-index: " + missing + ": no such file or directory\n"
                   "qadex-index: no INPUT could be read; '" + db + "' was not created\n");
    CHECK_FALSE(fs::exists(db));
    CHECK(index({"--db", db, "-j1", missing, (dir / "gone").string()}).exit_code == 1);
    CHECK_FALSE(fs::exists(db));

    // --rebuild with nothing to read keeps the database it would have emptied.
    const auto input = write_input(dir, "in.jsonl", {"t1", "t2"});
    REQUIRE(index({"--db", db, input}).exit_code == 0);
    auto rebuild = index({"--db", db, "--rebuild", missing});
    CHECK(rebuild.exit_code == 1);
    CHECK(rebuild.err.find("'" + db + "' was not changed\n") != std::string::npos);
    CHECK(doc_count(db) == 2);

    if (::geteuid() != 0) {  // root reads any file
        const auto locked = write_input(dir, "locked.jsonl", {"t3"});
        fs::permissions(locked, fs::perms::none);
        const auto fresh = (dir / "fresh").string();
        auto unreadable = index({"--db", fresh, locked});
        CHECK(unreadable.exit_code == 1);
        CHECK(unreadable.err.find(locked + ": cannot open: Permission denied\n") != std::string::npos);
        CHECK_FALSE(fs::exists(fresh));
    }
}

TEST_CASE("Each --delete takes one ID: the inputs after it are indexed", "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    REQUIRE(index({"--db", db, write_input(dir, "old.jsonl", {"t1", "t2", "t3"})}).exit_code == 0);
    const auto input = write_input(dir, "new.jsonl", {"t4"});
    auto r = index({"--db", db, "--delete", "t1", "--delete", "t2", input});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("threads 1 added, 0 replaced, 2 deleted") != std::string::npos);
    CHECK(doc_count(db) == 2);  // t3 and t4
    CHECK(index({"--help"}).out.find("--delete ID ") != std::string::npos);
    // The old spelling, two ids after one --delete: the second is an input that is not there.
    auto old_style = index({"--db", db, "--delete", "t3", "t4"});
    CHECK(old_style.exit_code == 3);
    CHECK(old_style.err.find("qadex-index: t4: no such file or directory\n"
                             "qadex-index: (--delete takes one ID; for more, repeat it: --delete ID1 --delete ID2)\n") !=
          std::string::npos);
}

TEST_CASE("The summary says 1 file, 1 thread, 1 id, and groups every count's thousands", "[cli][indexer][safety]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    auto one = index({"--db", db, write_input(dir, "one.jsonl", {"t1"})});
    CHECK(one.err.starts_with("qadex-index: 1 thread (1 answer) read from 1 file: threads 1 added, "));
    auto del = index({"--db", db, "--delete", "nope"});
    CHECK(del.err.find("; 1 id to delete not found; 0 skipped; ") != std::string::npos);

    std::string many;
    for (int i = 0; i < 1200; ++i) many += thread_line(numbered("m", i)) + "\n";
    test::write_file(dir / "many.jsonl", many);
    test::write_file(dir / "two.jsonl", thread_line("x1") + "\n");
    auto big = index({"--db", (dir / "big").string(), (dir / "many.jsonl").string(), (dir / "two.jsonl").string()});
    INFO(big.err);
    CHECK(big.err.starts_with("qadex-index: 1,201 threads (1,201 answers) read from 2 files: threads 1,201 added, "
                              "0 replaced, 0 deleted, 0 unchanged; answers 1,201 added, 0 replaced, 0 deleted; 0 skipped; "));
    // The rate too: digits in groups of three, never a bare run of four or more.
    const auto rate = big.err.substr(big.err.rfind(", ") + 2);
    CHECK(rate.ends_with(" answers/s\n"));
    for (std::size_t run = 0, i = 0; i < rate.size(); ++i) {
        run = std::isdigit(static_cast<unsigned char>(rate[i])) ? run + 1 : 0;
        CHECK(run <= 3);
    }
}

TEST_CASE("Piped input is committed as it arrives, acknowledged, and SIGINT stops it at once", "[cli][indexer][safety][pipe]") {
    test::TempDir dir;
    for (const char* threads : {"1", "2"}) {
        INFO("-j " << threads);
        const auto db = (dir / ("db" + std::string(threads))).string();
        int in = -1;
        const int pid = test::start_process_piped(
            {test::index_tool(), "--db", db, "-j", threads, "--verbose", "--no-progress", "-"}, dir / "out",
            dir / "err", in);
        // Three threads, then the pipe stays open and silent: they are committed within 2 s.
        write_all(in, thread_line("p1") + "\n" + thread_line("p2") + "\n" + thread_line("p3") + "\n");
        const bool acknowledged =
            wait_until([&] { return test::read_file(dir / "err").find("qadex-index: 3 threads committed\n") != std::string::npos; });
        CHECK(acknowledged);
        if (acknowledged) CHECK(doc_count(db) == 3);
        // A partial line is not a thread: SIGINT ends the run without waiting for the rest of it.
        write_all(in, R"({"id":"p4","answers":[)");
        std::this_thread::sleep_for(200ms);
        ::kill(pid, SIGINT);
        // The pipe is still open: only the signal can end the run.
        const auto code = wait_for_exit(pid, 2s);
        ::close(in);
        if (!code) test::wait_process(pid);  // ended by the pipe's end instead
        const auto err = test::read_file(dir / "err");
        INFO(err);
        CHECK(code == std::optional<int>(130));
        CHECK(err.find("qadex-index: interrupted; 3 threads (3 answers) read from 1 file") != std::string::npos);
        CHECK(doc_count(db) == 3);
    }
}

TEST_CASE("Piped input commits every --batch-size threads while it flows", "[cli][indexer][safety][pipe]") {
    test::TempDir dir;
    const auto db = (dir / "db").string();
    REQUIRE(index({"--db", db, "-"}).exit_code == 0);  // an existing, empty database
    int in = -1;
    const int pid = test::start_process_piped({test::index_tool(), "--db", db, "--batch-size", "5", "--verbose", "-"},
                                              dir / "out", dir / "err", in);
    std::string ten;
    for (int i = 0; i < 10; ++i) ten += thread_line(numbered("b", i)) + "\n";
    write_all(in, ten);
    CHECK(wait_until([&] { return test::read_file(dir / "err").find("qadex-index: 10 threads committed\n") != std::string::npos; }));
    CHECK(test::read_file(dir / "err").find("qadex-index: 5 threads committed\n") != std::string::npos);
    ::close(in);
    CHECK(test::wait_process(pid) == 0);
    CHECK(doc_count(db) == 10);
}

TEST_CASE("Gzip data can be piped, and a truncated gzip pipe is reported", "[cli][indexer][safety][pipe]") {
    test::TempDir dir;
    const auto input = write_input(dir, "in.jsonl", {"g1", "g2"});
    REQUIRE(std::system(("gzip -k '" + input + "'").c_str()) == 0);
    const std::string gz = test::read_file(input + ".gz");
    auto r = index({"--db", (dir / "db").string(), "-"}, gz);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(doc_count((dir / "db").string()) == 2);
    // Far more text than zlib's output chunk, from few compressed bytes.
    std::string many;
    for (int i = 0; i < 3000; ++i) many += thread_line(numbered("z", i)) + "\n";
    test::write_file(dir / "many.jsonl", many);
    REQUIRE(std::system(("gzip -k '" + (dir / "many.jsonl").string() + "'").c_str()) == 0);
    auto big = index({"--db", (dir / "big").string(), "-"}, test::read_file(dir / "many.jsonl.gz"));
    INFO(big.err);
    CHECK(big.exit_code == 0);
    CHECK(doc_count((dir / "big").string()) == 3000);
    auto cut = index({"--db", (dir / "cut").string(), "-"}, gz.substr(0, gz.size() - 6));
    CHECK(cut.exit_code == 3);
    CHECK(cut.err.find("<stdin>:") != std::string::npos);
    CHECK(cut.err.find("truncated compressed data") != std::string::npos);
}

TEST_CASE("The progress line of piped input shows no size and no ETA", "[cli][indexer][safety][pipe]") {
    test::TempDir dir;
    int in = -1;
    const int pid = test::start_process_piped(
        {test::index_tool(), "--db", (dir / "db").string(), "--progress", "-"}, dir / "out", dir / "err", in);
    for (int i = 0; i < 4; ++i) {
        write_all(in, thread_line(numbered("q", i)) + "\n");
        std::this_thread::sleep_for(300ms);  // the line is redrawn at most every 250 ms
    }
    ::close(in);
    CHECK(test::wait_process(pid) == 0);
    const auto err = test::read_file(dir / "err");
    INFO(err);
    CHECK(err.find(" answers/s") != std::string::npos);  // it was drawn
    CHECK(err.find("MB") == std::string::npos);
    CHECK(err.find("ETA") == std::string::npos);
}
