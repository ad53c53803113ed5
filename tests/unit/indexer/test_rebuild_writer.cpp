// RebuildWriter: a new index built beside the database is swapped in whole,
// or removed, the database untouched, when its build fails (a full disk) or
// a --rebuild is interrupted. The target building it is a stand-in that
// creates an empty database and fails when told to.
#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <xapian.h>

#include <qadex/schema.hpp>

#include "rebuild_writer.hpp"
#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

// An empty qadex database (schema version set), telling which it is.
void stamped_database(const std::string& path, const std::string& which) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.set_metadata(schema::metadata::schema_version, std::to_string(schema::version));
    db.set_metadata("which", which);
    db.commit();
}

std::string which(const std::string& path) { return Xapian::Database(path).get_metadata("which"); }

class StandIn final : public IndexTarget {
public:
    StandIn(const std::string& path, bool fail_on_write, bool fail_on_finish)
        : path_(path), fail_on_write_(fail_on_write), fail_on_finish_(fail_on_finish) {
        stamped_database(path, "new index");
    }
    StoredHashes stored_hashes() override { return {}; }
    void put_thread(std::string, std::vector<AnswerDocument>&&, std::vector<std::string>&&, ThreadPart) override {
        if (fail_on_write_) throw Xapian::DatabaseError("Error writing block 7", ENOSPC);
        ++counts_.threads_added;
    }
    void delete_thread(std::string) override {}
    void add_synonym_group(const std::vector<std::string>&, bool) override {}
    WriteCounts finish(bool) override {
        if (fail_on_finish_) throw fs::filesystem_error("cannot rename", std::make_error_code(std::errc::no_space_on_device));
        return counts_;
    }

private:
    std::string path_;
    bool fail_on_write_, fail_on_finish_;
    WriteCounts counts_;
};

// The database being replaced.
std::string old_database(const test::TempDir& dir) {
    const auto db = (dir / "db").string();
    stamped_database(db, "old index");
    return db;
}

auto stand_in(bool fail_on_write = false, bool fail_on_finish = false) {
    return [=](const std::string& path) { return std::make_unique<StandIn>(path, fail_on_write, fail_on_finish); };
}

}  // namespace

TEST_CASE("A complete rebuild is swapped in and its counts returned", "[indexer][rebuild]") {
    test::TempDir dir;
    const std::string db = old_database(dir);
    RebuildWriter rebuild(db, RebuildWriter::Purpose::replace, stand_in());
    rebuild.put_thread("t1", {}, {}, ThreadPart::whole);
    CHECK(rebuild.finish(true).threads_added == 1);
    CHECK(which(db) == "new index");
    CHECK_FALSE(fs::exists(rebuild_path(db)));
}

TEST_CASE("A rebuild that fails is removed, says why, and leaves the database as it was", "[indexer][rebuild]") {
    test::TempDir dir;
    const std::string db = old_database(dir);
    const std::string unchanged = "rebuild abandoned: no space left on device; '" + db + "' is unchanged";
    SECTION("while writing") {
        RebuildWriter rebuild(db, RebuildWriter::Purpose::replace, stand_in(true));
        CHECK(fs::exists(rebuild_path(db)));
        CHECK_THROWS_MATCHES(rebuild.put_thread("t1", {}, {}, ThreadPart::whole), RebuildAbandonedError, Catch::Message(unchanged));
    }
    SECTION("while finishing") {
        RebuildWriter rebuild(db, RebuildWriter::Purpose::replace, stand_in(false, true));
        rebuild.put_thread("t1", {}, {}, ThreadPart::whole);
        CHECK_THROWS_MATCHES(rebuild.finish(true), RebuildAbandonedError, Catch::Message(unchanged));
    }
    SECTION("while starting") {
        auto cannot_start = [](const std::string& path) -> std::unique_ptr<IndexTarget> {
            fs::create_directories(path);
            throw Xapian::DatabaseCreateError("Cannot create directory", ENOSPC);
        };
        CHECK_THROWS_MATCHES(RebuildWriter(db, RebuildWriter::Purpose::replace, cannot_start), RebuildAbandonedError,
                             Catch::Message(unchanged));
    }
    SECTION("a new index that fails is not created") {
        const std::string fresh = (dir / "fresh").string();
        RebuildWriter build(fresh, RebuildWriter::Purpose::create, stand_in(true));
        CHECK_THROWS_MATCHES(build.put_thread("t1", {}, {}, ThreadPart::whole), RebuildAbandonedError,
                             Catch::Message("build abandoned: no space left on device; '" + fresh + "' was not created"));
        CHECK_FALSE(fs::exists(fresh));
        CHECK_FALSE(fs::exists(rebuild_path(fresh)));
    }
    CHECK(which(db) == "old index");
    CHECK_FALSE(fs::exists(rebuild_path(db)));
}

TEST_CASE("An interrupted rebuild is removed, an interrupted new index is put in with what it finished",
          "[indexer][rebuild]") {
    test::TempDir dir;
    const std::string db = old_database(dir);
    {
        RebuildWriter rebuild(db, RebuildWriter::Purpose::replace, stand_in());
        rebuild.put_thread("t1", {}, {}, ThreadPart::whole);
        CHECK(rebuild.finish(false).threads_added == 0);  // nothing changed
    }
    CHECK(which(db) == "old index");
    CHECK_FALSE(fs::exists(rebuild_path(db)));
    {
        RebuildWriter abandoned(db, RebuildWriter::Purpose::replace, stand_in());  // closed without finish()
    }
    CHECK_FALSE(fs::exists(rebuild_path(db)));

    const std::string fresh = (dir / "fresh").string();
    RebuildWriter build(fresh, RebuildWriter::Purpose::create, stand_in());
    build.put_thread("t1", {}, {}, ThreadPart::whole);
    CHECK(build.finish(false).threads_added == 1);
    CHECK(which(fresh) == "new index");
    CHECK_FALSE(fs::exists(rebuild_path(fresh)));
}
