// owned_paths: what qadex-index may replace or delete, on real directories
// and real Xapian databases.
#include <catch2/catch.hpp>

#include <filesystem>
#include <xapian.h>

#include "index_writer.hpp"
#include "owned_paths.hpp"
#include "sharded_index.hpp"
#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

void qadex_database(const fs::path& path) {
    IndexWriter writer(path.string(), 10);
    writer.commit();
}

// A Xapian database some other program wrote: documents, no qadex stamp.
void other_database(const fs::path& path) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.set_data("someone else's");
    db.add_document(doc);
    db.commit();
}

}  // namespace

TEST_CASE("owned paths: databases qadex-index may replace", "[indexer][safety]") {
    test::TempDir dir;
    CHECK(database_owner(dir / "nothing") == PathOwner::absent);
    fs::create_directory(dir / "empty");
    CHECK(database_owner(dir / "empty") == PathOwner::ours);
    qadex_database(dir / "qadex");
    CHECK(database_owner(dir / "qadex") == PathOwner::ours);
    test::set_schema_version((dir / "old").string(), "1");
    CHECK(database_owner(dir / "old") == PathOwner::ours);  // what --rebuild is for
    create_sharded_index((dir / "sharded").string(), 2);
    CHECK(database_owner(dir / "sharded") == PathOwner::ours);
    fs::create_directory_symlink(dir / "qadex", dir / "link");
    CHECK(database_owner(dir / "link") == PathOwner::ours);

    other_database(dir / "other");
    CHECK(database_owner(dir / "other") == PathOwner::foreign);
    qadex_database(dir / "crowded");
    test::write_file(dir / "crowded" / "notes.txt", "mine");
    CHECK(database_owner(dir / "crowded") == PathOwner::foreign);  // a database with the operator's files in it
    fs::create_directory(dir / "files");
    test::write_file(dir / "files" / "a.jsonl", "{}");
    CHECK(database_owner(dir / "files") == PathOwner::foreign);
    test::write_file(dir / "sharded" / "README", "mine");
    CHECK(database_owner(dir / "sharded") == PathOwner::foreign);
    test::write_file(dir / "plain-file", "x");
    CHECK(database_owner(dir / "plain-file") == PathOwner::foreign);
    // A half-written database is not provably a qadex one where a database is expected.
    fs::create_directory(dir / "half");
    test::write_file(dir / "half" / "postlist.glass", "x");
    CHECK(database_owner(dir / "half") == PathOwner::foreign);
}

TEST_CASE("owned paths: temporaries a killed run left are ours, nothing else is", "[indexer][safety]") {
    test::TempDir dir;
    CHECK(temporary_owner(dir / "nothing") == PathOwner::absent);
    fs::create_directory(dir / "half");
    test::write_file(dir / "half" / "postlist.glass", "x");
    test::write_file(dir / "half" / "flintlock", "");
    CHECK(temporary_owner(dir / "half") == PathOwner::ours);
    fs::create_directories(dir / "shards" / "shard-0");
    qadex_database(dir / "shards" / "shard-1");
    test::write_file(dir / "shards" / "shard-0" / "v.tmp", "x");
    CHECK(temporary_owner(dir / "shards") == PathOwner::ours);
    create_sharded_index((dir / "sharded").string(), 2);
    fs::create_directory(dir / "sharded" / "shard-0.compact");
    CHECK(temporary_owner(dir / "sharded") == PathOwner::ours);

    other_database(dir / "other");
    CHECK(temporary_owner(dir / "other") == PathOwner::foreign);
    fs::create_directories(dir / "mixed" / "shard-0");
    fs::create_directories(dir / "mixed" / "holiday");
    CHECK(temporary_owner(dir / "mixed") == PathOwner::foreign);
    fs::create_directory_symlink(dir / "half", dir / "link");
    CHECK(temporary_owner(dir / "link") == PathOwner::foreign);  // the indexer makes no links

    remove_leftover(dir / "half");
    CHECK_FALSE(fs::exists(dir / "half"));
    CHECK_THROWS_AS(remove_leftover(dir / "mixed"), NotOursError);
    CHECK(fs::exists(dir / "mixed" / "holiday"));
    CHECK_THROWS_AS(remove_leftover(dir / "link"), SchemaMismatchError);  // exit code 6
    CHECK(fs::is_symlink(dir / "link"));
}
