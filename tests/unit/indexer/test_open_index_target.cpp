// open_index_target(): the indexer's one choice of writer, from the run's
// options and what is on disk (the databases are real, in a temporary directory).
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>

#include <qadex/error.hpp>

#include "index_writer.hpp"
#include "open_index_target.hpp"
#include "parallel_build_writer.hpp"
#include "rebuild_writer.hpp"
#include "sharded_index.hpp"
#include "sharded_index_writer.hpp"
#include "single_database_writer.hpp"
#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

std::string kind(const IndexTarget& target) {
    if (auto* r = dynamic_cast<const RebuildWriter*>(&target))
        return (r->purpose() == RebuildWriter::Purpose::replace ? "rebuild with " : "new index beside with ") +
               kind(r->building());
    if (dynamic_cast<const SingleDatabaseWriter*>(&target)) return "single database";
    if (dynamic_cast<const ParallelBuildWriter*>(&target)) return "parallel build";
    if (dynamic_cast<const ShardedIndexWriter*>(&target)) return "sharded index";
    return "unknown";
}

IndexOptions options_for(const std::string& db, unsigned threads, unsigned shards = 0, bool rebuild = false) {
    IndexOptions o;
    o.database = db;
    o.inputs = {"input.jsonl"};
    o.threads = threads;
    o.shards = shards;
    o.rebuild = rebuild;
    return o;
}

// What the run would write with (closed again, without finishing);
// `while_open` looks at the disk before it is closed.
std::string picked(const IndexOptions& options, const std::function<void()>& while_open = [] {}) {
    if (options.rebuild) fs::remove_all(rebuild_path(options.database));  // as run_indexer does
    auto target = open_index_target(options);
    while_open();
    return kind(*target);
}

void create_database(const std::string& path) {
    IndexWriter writer(path, 10);
    writer.commit();
}

}  // namespace

TEST_CASE("A new database is built in parallel with -j2, by one writer with -j1 or when deleting", "[indexer][target]") {
    test::TempDir dir;
    const std::string db = (dir / "db").string();
    CHECK(picked(options_for(db, 2)) == "parallel build");
    CHECK(picked(options_for(db, 8)) == "parallel build");
    // An abandoned parallel build leaves neither its shards nor a database.
    CHECK_FALSE(fs::exists(db + ".shards"));
    CHECK_FALSE(fs::exists(db));
    CHECK(picked(options_for(db, 1)) == "single database");
    fs::remove_all(db);
    auto deleting = options_for(db, 2);
    deleting.deletes = {"t1"};
    CHECK(picked(deleting) == "single database");
}

TEST_CASE("An existing database is updated by its single writer", "[indexer][target]") {
    test::TempDir dir;
    const std::string db = (dir / "db").string();
    create_database(db);
    CHECK(picked(options_for(db, 2)) == "single database");
    CHECK(picked(options_for(db, 1)) == "single database");
    CHECK_THROWS_WITH(open_index_target(options_for(db, 2, 3)),
                      "'" + db + "' is a single database; to split it, use --rebuild --shards N");
}

TEST_CASE("A new index with --shards N, or an existing sharded one, is written shard by shard", "[indexer][target][shards]") {
    test::TempDir dir;
    const std::string fresh = (dir / "fresh").string(), existing = (dir / "existing").string();
    // Built beside, so that no searcher sees it half written.
    CHECK(picked(options_for(fresh, 2, 3), [&] {
              CHECK(is_sharded_index(rebuild_path(fresh)));
              CHECK_FALSE(fs::exists(fresh));
          }) == "new index beside with sharded index");
    CHECK_FALSE(fs::exists(rebuild_path(fresh)));  // abandoned: closed without finish()
    CHECK_FALSE(fs::exists(fresh));
    fs::create_directory(fresh);  // an empty directory is nothing to keep
    CHECK(picked(options_for(fresh, 1, 2)) == "new index beside with sharded index");
    create_sharded_index(existing, 2);
    CHECK(picked(options_for(existing, 2)) == "sharded index");
    CHECK(picked(options_for(existing, 1, 2)) == "sharded index");
    CHECK_THROWS_WITH(open_index_target(options_for(existing, 2, 3)),
                      "'" + existing + "' has 2 shards; to split it another way, use --rebuild --shards N");
    // A stub file is for searching: it would not route threads to their shards.
    const auto stub = dir / "index.stub";
    test::write_file(stub, "auto existing/shard-0\n");
    CHECK_THROWS_AS(open_index_target(options_for(stub.string(), 2)), FatalError);
}

TEST_CASE("A rebuild builds a new index beside the database with the writer a new one gets", "[indexer][target]") {
    test::TempDir dir;
    const std::string db = (dir / "db").string(), sharded = (dir / "sharded").string();
    create_database(db);
    CHECK(picked(options_for(db, 2, 0, true)) == "rebuild with parallel build");
    CHECK(picked(options_for(db, 1, 0, true)) == "rebuild with single database");
    CHECK(picked(options_for(db, 2, 2, true), [&] {
              CHECK(is_sharded_index(rebuild_path(db)));
              CHECK_FALSE(is_sharded_index(db));  // swapped in only by finish()
          }) == "rebuild with sharded index");
    CHECK_FALSE(fs::exists(rebuild_path(db)));  // abandoned: closed without finish()
    CHECK(Xapian::Database(db).get_doccount() == 0);  // the old database, untouched
    create_sharded_index(sharded, 2);
    CHECK(picked(options_for(sharded, 2, 0, true)) == "rebuild with parallel build");
    CHECK(picked(options_for(sharded, 2, 3, true)) == "rebuild with sharded index");
}
