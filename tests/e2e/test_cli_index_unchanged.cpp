// Nightly re-runs (issue 17): qadex-index skips the threads whose content
// hash the database already holds, as real processes on real databases.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>

#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>

#include "content_hash.hpp"
#include "document_builder.hpp"
#include "index_writer.hpp"
#include "shard_of.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

// Operators' nightly command carries the synonyms file every time.
const std::string synonyms = (test::source_dir() / "data" / "medical-synonyms.txt").string();

std::string line(const std::string& id, const std::string& body = "Botox relaxes muscles.") {
    return R"({"id":")" + id + R"(","title":"Botox question )" + id + R"(","answers":[{"id":")" + id +
           R"(-a1","body":")" + body + R"("},{"id":")" + id + R"(-a2","body":"A second answer."}]})";
}

std::string lines(int from, int to) {
    std::string text;
    for (int i = from; i < to; ++i) {
        std::string id = "t";  // not "t" + to_string(i): GCC 12's false -Wstringop-overflow
        id += std::to_string(i);
        text += line(id) + "\n";
    }
    return text;
}

test::ProcessResult index(const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::index_tool()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = test::run_process(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r;
}

bool says(const test::ProcessResult& r, const std::string& part) {
    INFO(r.err);
    return r.err.find(part) != std::string::npos;
}

// What a reader sees of the database: its revision and every document.
struct Snapshot {
    Xapian::rev revision;
    Xapian::docid lastdocid;
    std::vector<std::string> documents;  // data and terms of each, in docid order
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const std::string& path) {
    Xapian::Database db(path);
    Snapshot s{db.get_revision(), db.get_lastdocid(), {}};
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        std::string d = std::to_string(*it);
        d += doc.get_data();
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            d += '|';
            d += *t;
        }
        s.documents.push_back(std::move(d));
    }
    return s;
}

std::string body_of(const std::string& db_path, const std::string& answer_id) {
    Xapian::Database db(db_path);
    auto it = db.postlist_begin(schema::id_term(schema::prefix::answer_id, answer_id));
    REQUIRE(it != db.postlist_end(schema::id_term(schema::prefix::answer_id, answer_id)));
    return decode_stored_answer(db.get_document(*it).get_data()).answer.body;
}

}  // namespace

TEST_CASE("Re-running on unchanged input skips every thread and leaves the database as it was", "[cli][indexer][unchanged]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "db").string();
    test::write_file(input, lines(0, 30));
    for (const char* threads : {"1", "2"}) {  // one writer, and a parallel build
        std::filesystem::remove_all(db);
        auto first = index({"--db", db, "-j", threads, "--synonyms", synonyms, input});
        CHECK(says(first, "threads 30 added, 0 replaced, 0 deleted, 0 unchanged; answers 60 added"));
        const Snapshot before = snapshot(db);
        auto again = index({"--db", db, "-j", threads, "--synonyms", synonyms, input});
        CHECK(says(again, "threads 0 added, 0 replaced, 0 deleted, 30 unchanged; answers 0 added, 0 replaced"));
        CHECK(says(again, "30 threads (60 answers) read"));
        CHECK(snapshot(db) == before);
    }
}

TEST_CASE("A changed thread is replaced, a new one added, and the others are left alone", "[cli][indexer][unchanged]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "db").string();
    test::write_file(input, lines(0, 20));
    index({"--db", db, input});
    const Xapian::docid last = Xapian::Database(db).get_lastdocid();

    test::write_file(input, lines(0, 5) + line("t5", "Rewritten: zygomaticus.") + "\n" + lines(6, 21));
    auto r = index({"--db", db, input});
    CHECK(says(r, "threads 1 added, 1 replaced, 0 deleted, 19 unchanged; answers 2 added, 2 replaced, 0 deleted"));
    CHECK(body_of(db, "t5-a1") == "Rewritten: zygomaticus.");
    Xapian::Database after(db);
    CHECK(after.get_doccount() == 42);
    CHECK(after.get_lastdocid() == last + 2);  // only t20's answers are new documents
}

TEST_CASE("A run with --force rewrites every thread, and the next run skips them again", "[cli][indexer][unchanged]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "db").string();
    test::write_file(input, lines(0, 10));
    index({"--db", db, input});
    auto forced = index({"--db", db, "--force", input});
    CHECK(says(forced, "threads 0 added, 10 replaced, 0 deleted, 0 unchanged; answers 0 added, 20 replaced"));
    auto again = index({"--db", db, input});
    CHECK(says(again, "threads 0 added, 0 replaced, 0 deleted, 10 unchanged"));
    CHECK(test::run_process({test::index_tool(), "--help"}).out.find("--force") != std::string::npos);
}

TEST_CASE("A thread stored by another parser or builder version, or with no hash, is rewritten", "[cli][indexer][unchanged]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "db").string();
    test::write_file(input, lines(0, 4));
    index({"--db", db, input});
    {
        // t1 as another version would have parsed or built it: another stored
        // hash; t2 as a qadex before issue 17 stored it: no hash at all.
        Xapian::WritableDatabase w(db);
        const std::string t1 = schema::id_term(schema::prefix::thread_id, "t1");
        for (auto it = w.postlist_begin(t1); it != w.postlist_end(t1); ++it) {
            Xapian::Document doc = w.get_document(*it);
            doc.add_value(schema::slot::content_hash, encode_content_hash(12345));
            w.replace_document(*it, doc);
        }
        const std::string t2 = schema::id_term(schema::prefix::thread_id, "t2");
        for (auto it = w.postlist_begin(t2); it != w.postlist_end(t2); ++it) {
            Xapian::Document doc = w.get_document(*it);
            doc.remove_value(schema::slot::content_hash);
            w.replace_document(*it, doc);
        }
        w.commit();
    }
    auto r = index({"--db", db, input});
    CHECK(says(r, "threads 0 added, 2 replaced, 0 deleted, 2 unchanged"));
    CHECK(says(index({"--db", db, input}), "threads 0 added, 0 replaced, 0 deleted, 4 unchanged"));
}

TEST_CASE("A deleted thread indexed again is added, not unchanged", "[cli][indexer][unchanged]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "db").string();
    test::write_file(input, lines(0, 3));
    index({"--db", db, input});
    index({"--db", db, "--delete", "t1"});
    auto r = index({"--db", db, input});
    CHECK(says(r, "threads 1 added, 0 replaced, 0 deleted, 2 unchanged"));
    CHECK(Xapian::Database(db).get_doccount() == 6);
}

TEST_CASE("With two versions of a stored thread in one input, the later still wins", "[cli][indexer][unchanged]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "db").string();
    const std::string v1 = line("t1", "Version one."), v2 = line("t1", "Version two.");
    test::write_file(input, v1 + "\n");
    index({"--db", db, input});
    // v1 matches the stored hash, but v2 replaced it earlier in the same run.
    test::write_file(input, v2 + "\n" + v1 + "\n");
    auto r = index({"--db", db, input});
    CHECK(says(r, "threads 0 added, 2 replaced, 0 deleted, 0 unchanged"));
    CHECK(body_of(db, "t1-a1") == "Version one.");
    // And twice the stored version in one input: both unchanged.
    test::write_file(input, v1 + "\n" + v1 + "\n");
    CHECK(says(index({"--db", db, input}), "threads 0 added, 0 replaced, 0 deleted, 2 unchanged"));
}

TEST_CASE("A sharded index skips unchanged threads too, and only the changed thread's shard is written", "[cli][indexer][unchanged][shards]") {
    test::TempDir dir;
    const auto input = (dir / "in.jsonl").string(), db = (dir / "sharded").string();
    test::write_file(input, lines(0, 30));
    index({"--db", db, "--shards", "3", "--synonyms", synonyms, input});
    auto shard = [&](std::uint32_t k) { return db + "/shard-" + std::to_string(k); };
    std::vector<Snapshot> before;
    for (std::uint32_t k = 0; k < 3; ++k) before.push_back(snapshot(shard(k)));
    const Snapshot lexicon = snapshot(db + "/lexicon");

    auto again = index({"--db", db, "--synonyms", synonyms, input});
    CHECK(says(again, "threads 0 added, 0 replaced, 0 deleted, 30 unchanged"));
    for (std::uint32_t k = 0; k < 3; ++k) CHECK(snapshot(shard(k)) == before[k]);
    CHECK(snapshot(db + "/lexicon") == lexicon);

    test::write_file(input, lines(0, 7) + line("t7", "Rewritten in its shard.") + "\n" + lines(8, 30));
    auto changed = index({"--db", db, input});
    CHECK(says(changed, "threads 0 added, 1 replaced, 0 deleted, 29 unchanged"));
    const std::uint32_t home = shard_of("t7", 3);
    for (std::uint32_t k = 0; k < 3; ++k) CHECK((snapshot(shard(k)) == before[k]) == (k != home));
    CHECK(body_of(db, "t7-a1") == "Rewritten in its shard.");
}
