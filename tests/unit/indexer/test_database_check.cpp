// The checks that refuse a damaged database before anything is written to it
// (database_check.hpp): real glass databases with blocks broken on disk as a
// flipped byte breaks them, and what owned_paths makes of them.
#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <xapian.h>

#include <qadex/database_check.hpp>
#include <qadex/schema.hpp>

#include "owned_paths.hpp"
#include "sharded_index.hpp"
#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t block_size = 8192;  // glass's default, which qadex does not change

// A qadex-like database whose every table has several leaf blocks: 3,000
// answers, each with its thread id (value 0), positions, data, a spelling
// word and a synonym; the first answer's words sort first, the last one's last.
std::string make_database(const fs::path& path) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
    db.set_metadata(schema::metadata::schema_version, std::to_string(schema::version));
    Xapian::TermGenerator terms;
    for (int i = 0; i < 3000; ++i) {
        const std::string n = std::to_string(100000 + i);
        std::string text = "word" + n + " common text of an answer";
        if (i == 0) text = "aaafirst " + text;
        if (i == 2999) text += " zzzzzzlast";
        Xapian::Document doc;
        terms.set_document(doc);
        terms.index_text(text);
        doc.add_value(schema::slot::thread_id, "t" + n);
        doc.set_data(i == 0 ? "the first answer's data" : i == 2999 ? "the last answer's data" : "data of answer " + n);
        db.add_document(doc);
        db.add_spelling(i == 2999 ? "zzzzspell" : "spell" + n);
        db.add_synonym("syn" + n, "other" + n);
    }
    db.add_synonym("aaasyn", "zzzsyn");
    db.commit();
    return path.string();
}

// Breaks every leaf block of `table` that holds `needle` (in a key: glass
// compresses the term lists and data), or every leaf for an empty needle
// (its directory-end field, as a flipped byte would): Xapian reads it as
// damaged. Returns how many.
int break_leaves_holding(const fs::path& table, const std::string& needle) {
    std::string data = test::read_file(table);
    int broken = 0;
    for (std::size_t start = 0; start + block_size <= data.size(); start += block_size) {
        const std::string_view block(data.data() + start, block_size);
        if (block[4] != 0 || block.find(needle) == std::string_view::npos) continue;  // byte 4: the level, 0 for a leaf
        data[start + 9] = data[start + 10] = '\xff';
        ++broken;
    }
    test::write_file(table, data);
    return broken;
}

std::string damage_of(const std::string& db) {
    try {
        check_database_readable(db);
    } catch (const DatabaseDamagedError& e) {
        CHECK(e.path() == db);
        return e.what();
    }
    return "no damage found";
}

}  // namespace

TEST_CASE("A database that reads cleanly passes the checks", "[indexer][damage]") {
    test::TempDir dir;
    CHECK_NOTHROW(check_database_readable(make_database(dir / "db")));
    Xapian::WritableDatabase((dir / "empty").string(), Xapian::DB_CREATE).commit();
    CHECK_NOTHROW(check_database_readable((dir / "empty").string()));
}

TEST_CASE("Damage in the first or last leaf of each table is found and its file named", "[indexer][damage]") {
    struct Case {
        const char* table;
        const char* needle;
    };
    // Metadata come first in postlist.glass, "zzzzzzlast" last; the first
    // answer's positions (keyed by document, then term); the last word
    // fragment of the spelling table (the tail "ll" of "zzzzspell"); the
    // first and last synonym keys. Term lists and data are compressed:
    // every leaf of those is broken.
    const Case cases[] = {{"postlist", "qadex.schema_version"}, {"postlist", "zzzzzzlast"}, {"termlist", ""},
                          {"position", "aaafirst"},             {"docdata", ""},            {"spelling", "Tll"},
                          {"synonym", "aaasyn"},                {"synonym", "syn102999"}};
    for (const Case& c : cases) {
        INFO(c.table << " " << c.needle);
        test::TempDir dir;
        const std::string db = make_database(dir / "db");
        REQUIRE(break_leaves_holding(fs::path(db) / (std::string(c.table) + ".glass"), c.needle) > 0);
        const std::string what = damage_of(db);
        CHECK_THAT(what, Catch::StartsWith("'" + db + "' is damaged (" + c.table + ".glass: dir_end invalid in block "));
        CHECK(what.ends_with(")"));
    }
}

TEST_CASE("A broken root, a table file cut short or gone, and a wrong answer count are damage", "[indexer][damage]") {
    test::TempDir dir;
    SECTION("every block of postlist.glass broken: the database does not open") {
        const std::string db = make_database(dir / "db");
        std::string data = test::read_file(fs::path(db) / "postlist.glass");
        for (std::size_t start = 0; start + block_size <= data.size(); start += block_size) data[start + 9] = data[start + 10] = '\xff';
        test::write_file(fs::path(db) / "postlist.glass", data);
        CHECK(damage_of(db).starts_with("'" + db + "' is damaged ("));
    }
    SECTION("postlist.glass cut short") {
        const std::string db = make_database(dir / "db");
        fs::resize_file(fs::path(db) / "postlist.glass", fs::file_size(fs::path(db) / "postlist.glass") / 2);
        CHECK(damage_of(db).find(" is damaged (") != std::string::npos);
    }
    SECTION("termlist.glass gone") {
        const std::string db = make_database(dir / "db");
        fs::remove(fs::path(db) / "termlist.glass");
        CHECK(damage_of(db) == "'" + db + "' is damaged (termlist.glass: Database has no termlist)");
    }
    SECTION("an answer without its thread id: the counts disagree") {
        const std::string db = make_database(dir / "db");
        {
            Xapian::WritableDatabase w(db);
            Xapian::Document doc;
            doc.add_term("orphan");
            w.add_document(doc);
            w.commit();
        }
        CHECK(damage_of(db) == "'" + db + "' is damaged (postlist.glass: 3001 answers counted, 3000 with a thread id)");
    }
}

TEST_CASE("Only unreadable files are damage: not a full disk, a lock or a permission", "[indexer][damage]") {
    CHECK(is_damage(Xapian::DatabaseCorruptError("Expected block 2 to be level 1, not 254")));
    CHECK(is_damage(Xapian::DatabaseError("EOF reading block 43")));
    CHECK(is_damage(Xapian::DatabaseError("inflate failed (invalid distance too far back)")));
    CHECK(is_damage(Xapian::DatabaseOpeningError("Couldn't open db/postlist.glass to read", ENOENT)));
    CHECK_FALSE(is_damage(Xapian::DatabaseError("Error writing block 112", ENOSPC)));
    CHECK_FALSE(is_damage(Xapian::DatabaseOpeningError("Couldn't open db/postlist.glass to read", EACCES)));
    CHECK_FALSE(is_damage(Xapian::DatabaseLockError("Unable to get write lock on db: already locked")));
    CHECK_FALSE(is_damage(Xapian::DatabaseModifiedError("The revision being read has been discarded")));
    CHECK_FALSE(is_damage(Xapian::DatabaseVersionError("unsupported version")));
    CHECK_FALSE(is_damage(Xapian::DatabaseNotFoundError("Couldn't detect type of database")));
}

TEST_CASE("owned paths: a database of Xapian's files that does not read is damaged, for --rebuild to replace",
          "[indexer][damage][safety]") {
    test::TempDir dir;
    const std::string db = make_database(dir / "db");
    REQUIRE(break_leaves_holding(fs::path(db) / "postlist.glass", "qadex.schema_version") > 0);
    CHECK(database_owner(db) == PathOwner::damaged);
    CHECK(temporary_owner(db) == PathOwner::ours);  // a killed run's half-written one
    // A sharded index with a damaged part.
    const ShardedIndex index = create_sharded_index((dir / "sharded").string(), 2);
    CHECK(database_owner(dir / "sharded") == PathOwner::ours);
    fs::remove_all(index.shards[1]);
    fs::copy(db, index.shards[1]);
    CHECK(database_owner(dir / "sharded") == PathOwner::damaged);
    // The operator's files beside it still make it foreign.
    test::write_file(dir / "sharded" / "notes.txt", "mine");
    CHECK(database_owner(dir / "sharded") == PathOwner::foreign);
}
