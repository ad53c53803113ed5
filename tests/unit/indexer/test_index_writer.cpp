// Thread-level replace, delete, idempotence, locking and schema checks on a
// real Xapian database in a temporary directory.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <qadex/database_location.hpp>
#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>

#include "document_builder.hpp"
#include "index_writer.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

Thread make_thread(const std::string& id, std::vector<std::string> answer_ids, const std::string& word = "botox") {
    Thread t;
    t.id = id;
    t.title = "Question about " + word;
    t.source = "Sample Site";
    t.category = "side effects";
    for (const auto& aid : answer_ids) {
        Answer a;
        a.id = aid;
        a.body = "Answer " + aid + " talks about " + word + " and muscle atrophy.";
        a.author = "Dana Whitfield, MD";
        a.specialty = "Facial Plastic Surgeon";
        a.rating = 4.5;
        t.answers.push_back(a);
    }
    return t;
}

void put(IndexWriter& w, const Thread& t) {
    DocumentBuilder builder;
    w.put_thread(t.id, builder.build(t));
}

std::vector<std::string> answer_ids_of(const std::string& db_path, const std::string& thread_id) {
    Xapian::Database db(db_path);
    std::vector<std::string> ids;
    std::string term = schema::id_term(schema::prefix::thread_id, thread_id);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        ids.push_back(decode_stored_answer(db.get_document(*it).get_data()).answer.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("Re-indexing a thread replaces its answers and deletes the vanished ones", "[indexer]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    {
        IndexWriter w(db, 100);
        put(w, make_thread("t1", {"a1", "a2", "a3"}));
        put(w, make_thread("t2", {"b1"}));
        w.commit();
        CHECK(w.counts().answers_added == 4);
    }
    {
        IndexWriter w(db, 100);
        put(w, make_thread("t1", {"a1", "a3", "a4"}, "dysport"));
        w.commit();
        CHECK(w.counts().threads_replaced == 1);
        CHECK(w.counts().answers_replaced == 2);
        CHECK(w.counts().answers_added == 1);
        CHECK(w.counts().answers_deleted == 1);
    }
    CHECK(answer_ids_of(db, "t1") == std::vector<std::string>{"a1", "a3", "a4"});
    CHECK(answer_ids_of(db, "t2") == std::vector<std::string>{"b1"});
    Xapian::Database check(db);
    CHECK(check.get_doccount() == 4);
    CHECK(check.get_termfreq("dysport") == 3);
    CHECK(check.get_termfreq("botox") == 1);  // only t2 still mentions it
}

TEST_CASE("Deleting a thread removes all its answers and reports unknown ids", "[indexer]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    IndexWriter w(db, 100);
    put(w, make_thread("t1", {"a1", "a2"}));
    put(w, make_thread("t2", {"b1"}));
    w.commit();
    CHECK(w.delete_thread("t1"));
    CHECK_FALSE(w.delete_thread("no-such-thread"));
    w.commit();
    CHECK(w.counts().threads_deleted == 1);
    CHECK(w.counts().answers_deleted == 2);
    CHECK(w.counts().threads_not_found == 1);
    CHECK(Xapian::Database(db).get_doccount() == 1);
}

TEST_CASE("Indexing the same threads twice leaves identical counts and terms", "[indexer]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    auto snapshot = [&] {
        Xapian::Database d(db);
        std::vector<std::pair<std::string, Xapian::doccount>> terms;
        for (auto it = d.allterms_begin(); it != d.allterms_end(); ++it) terms.emplace_back(*it, it.get_termfreq());
        return std::make_pair(d.get_doccount(), terms);
    };
    for (int run = 0; run < 2; ++run) {
        IndexWriter w(db, 2);  // small batches: commits land between threads
        put(w, make_thread("t1", {"a1", "a2"}));
        put(w, make_thread("t2", {"b1", "b2", "b3"}));
        w.commit();
    }
    auto second = snapshot();
    {
        IndexWriter w(db, 2);
        put(w, make_thread("t1", {"a1", "a2"}));
        put(w, make_thread("t2", {"b1", "b2", "b3"}));
        w.commit();
    }
    CHECK(snapshot() == second);
    CHECK(second.first == 5);
}

TEST_CASE("A second writer is refused with a locked-by-another-writer error", "[indexer]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    IndexWriter first(db, 100);
    CHECK_THROWS_AS(IndexWriter(db, 100), DatabaseLockedError);
    CHECK_THROWS_WITH(IndexWriter(db, 100), "'" + db + "' is locked by another writer (another qadex-index is running)");
}

TEST_CASE("A database of another schema version is refused with what to do", "[indexer][schema]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    test::set_schema_version(db, "999");
    CHECK_THROWS_AS(IndexWriter(db, 100), SchemaMismatchError);
    CHECK_THROWS_WITH(IndexWriter(db, 100), "'" + db + "' has index schema version 999 but this qadex uses version " +
                                                 std::to_string(schema::version) +
                                                 "; rebuild it: qadex-index --rebuild --db '" + db + "' INPUT...");
}

TEST_CASE("Uncommitted changes are abandoned, committed ones survive", "[indexer]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    {
        IndexWriter w(db, 1000);
        put(w, make_thread("t1", {"a1"}));
        w.commit();
        put(w, make_thread("t2", {"b1"}));
        // destroyed without commit()
    }
    CHECK(answer_ids_of(db, "t1") == std::vector<std::string>{"a1"});
    CHECK(answer_ids_of(db, "t2").empty());
}

TEST_CASE("Documents carry the schema's ids, filters, values and display data", "[indexer][schema]") {
    DocumentBuilder builder;
    Thread t = make_thread("t1", {"a1"});
    t.answers[0].location = "Los Angeles";
    t.answers[0].reviews = 7;
    t.date = "2025-03-14";
    auto docs = builder.build(t);
    REQUIRE(docs.size() == 1);
    const Xapian::Document& doc = docs[0].document;
    std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
    auto has = [&](const std::string& term) { return std::find(terms.begin(), terms.end(), term) != terms.end(); };
    CHECK(has("Qa1"));
    CHECK(has("Gt1"));
    CHECK(has("FSfacial plastic surgeon"));
    CHECK(has("FLlos angeles"));
    CHECK(has("FOsample site"));
    CHECK(has("Squestion"));
    CHECK(has("Zatrophi"));  // stemmed form
    CHECK(has("Adana"));
    CHECK(doc.get_value(schema::slot::thread_id) == "t1");
    CHECK(Xapian::sortable_unserialise(doc.get_value(schema::slot::rating)) == 4.5);
    CHECK(Xapian::sortable_unserialise(doc.get_value(schema::slot::reviews)) == 7);
    CHECK(doc.get_value(schema::slot::date) == "20250314");
    CHECK(doc.get_value(schema::slot::specialty) == "Facial Plastic Surgeon");
    StoredAnswer stored = decode_stored_answer(doc.get_data());
    CHECK(stored.answer.location == "Los Angeles");
    CHECK(stored.title == "Question about botox");
}

TEST_CASE("A thread written in parts is the thread written whole, replaced as a whole and never committed half", "[indexer][parts]") {
    test::TempDir dir;
    auto snapshot = [](const std::string& path) {
        Xapian::Database d(path);
        std::vector<std::string> docs;
        for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
            Xapian::Document doc = d.get_document(*it);
            std::string text = doc.get_data();
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                // Appended piecewise: GCC 12 misreads "," + std::to_string(n) (-Wstringop-overflow).
                text += ' ';
                text += *t;
                text += ':';
                text += std::to_string(t.get_wdf());
                for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
                    text += ',';
                    text += std::to_string(*p);
                }
            }
            for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
                text += ' ';
                text += *v;
            }
            docs.push_back(text);
        }
        std::sort(docs.begin(), docs.end());
        return docs;
    };
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) ids.push_back("a" + std::to_string(i));
    const Thread thread = make_thread("t1", ids);
    DocumentBuilder builder;
    const auto whole = (dir / "whole").string(), parts = (dir / "parts").string();
    {
        IndexWriter w(whole, 3);
        w.put_thread(thread.id, builder.build(thread));
        w.commit();
    }
    {
        // Batches of 3 documents: a commit inside the thread would be due at once.
        IndexWriter w(parts, 3);
        w.put_thread(thread.id, builder.build(thread, 0, 4), ThreadPart::first);
        w.put_thread(thread.id, builder.build(thread, 4, 8), ThreadPart::middle);
        CHECK_THROWS_AS(w.commit(), std::logic_error);  // not inside a thread
        CHECK(Xapian::Database(parts).get_doccount() == 0);
        w.put_thread(thread.id, builder.build(thread, 8, 10), ThreadPart::last);
        CHECK(Xapian::Database(parts).get_doccount() == 10);  // committed after its last part (a full batch)
        w.commit();
    }
    CHECK(snapshot(parts) == snapshot(whole));
    CHECK(Xapian::Database(parts).get_termfreq(schema::first_answer_term) == 1);
    // A new version in parts replaces the old one: its answers kept, the others deleted.
    const Thread smaller = make_thread("t1", {"a1", "a5", "new"});
    {
        IndexWriter w(parts, 1000);
        w.put_thread(smaller.id, builder.build(smaller, 0, 2), ThreadPart::first);
        w.put_thread(smaller.id, builder.build(smaller, 2, 3), ThreadPart::last);
        w.commit();
        CHECK(w.counts().answers_replaced == 2);
        CHECK(w.counts().answers_added == 1);
        CHECK(w.counts().answers_deleted == 8);
        CHECK(w.counts().threads_replaced == 1);
    }
    CHECK(answer_ids_of(parts, "t1") == std::vector<std::string>{"a1", "a5", "new"});
    // A run abandoned between parts leaves the thread as it was.
    {
        IndexWriter w(parts, 1);
        w.put_thread(thread.id, builder.build(thread, 0, 5), ThreadPart::first);
    }
    CHECK(answer_ids_of(parts, "t1") == std::vector<std::string>{"a1", "a5", "new"});
}
