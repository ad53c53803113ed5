// The content hash a re-run compares (content_hash.hpp) and reading the
// stored hashes back from a real database (stored_hashes.hpp).
#include <catch2/catch.hpp>
#include <xapian.h>

#include <functional>
#include <set>

#include <qadex/schema.hpp>

#include "content_hash.hpp"
#include "index_support.hpp"
#include "stored_hashes.hpp"

using namespace qadex;

namespace {

Thread full_thread() {
    Thread t = test::make_thread("t1", "Botox question", {"First answer.", "Second answer."}, "treatment", "Why?");
    t.url = "https://example.org/t1";
    t.tags = {"botox", "forehead"};
    t.date = "2024-01-02";
    Answer& a = t.answers[1];
    a.title = "Headline";
    a.author = "Dana Whitfield, MD";
    a.specialty = "Dermatologist";
    a.location = "Boston";
    a.rating = 4.5;
    a.reviews = 12;
    a.votes = 3;
    a.date = "2024-01-03";
    return t;
}

}  // namespace

TEST_CASE("Every field of a thread and of each answer changes its content hash", "[indexer][hash]") {
    const Thread base = full_thread();
    CHECK(content_hash(base) == content_hash(full_thread()));
    CHECK(content_hash(base) != 0);
    const std::vector<std::pair<const char*, std::function<void(Thread&)>>> changes = {
        {"id", [](Thread& t) { t.id += "x"; }},
        {"url", [](Thread& t) { t.url += "x"; }},
        {"source", [](Thread& t) { t.source += "x"; }},
        {"title", [](Thread& t) { t.title += "x"; }},
        {"question", [](Thread& t) { t.question += "x"; }},
        {"tag", [](Thread& t) { t.tags[1] += "x"; }},
        {"tag order", [](Thread& t) { std::swap(t.tags[0], t.tags[1]); }},
        {"tags joined", [](Thread& t) { t.tags = {"botoxforehead"}; }},
        {"category", [](Thread& t) { t.category += "x"; }},
        {"date", [](Thread& t) { t.date = "2024-01-09"; }},
        {"answer removed", [](Thread& t) { t.answers.pop_back(); }},
        {"answer order", [](Thread& t) { std::swap(t.answers[0], t.answers[1]); }},
        {"answer id", [](Thread& t) { t.answers[1].id += "x"; }},
        {"answer title", [](Thread& t) { t.answers[1].title += "x"; }},
        {"answer body", [](Thread& t) { t.answers[1].body += "x"; }},
        {"author", [](Thread& t) { t.answers[1].author += "x"; }},
        {"specialty", [](Thread& t) { t.answers[1].specialty += "x"; }},
        {"location", [](Thread& t) { t.answers[1].location += "x"; }},
        {"rating", [](Thread& t) { t.answers[1].rating = 4.0; }},
        {"rating absent", [](Thread& t) { t.answers[1].rating.reset(); }},
        {"reviews", [](Thread& t) { t.answers[1].reviews = 13; }},
        {"votes absent", [](Thread& t) { t.answers[1].votes.reset(); }},
        {"answer date", [](Thread& t) { t.answers[1].date = "2024-01-04"; }},
    };
    std::set<std::uint64_t> seen{content_hash(base)};
    for (const auto& [what, change] : changes) {
        Thread t = full_thread();
        change(t);
        INFO(what);
        CHECK(seen.insert(content_hash(t)).second);
    }
}

TEST_CASE("A content hash round-trips through its 8-byte value", "[indexer][hash]") {
    for (std::uint64_t h : {std::uint64_t{1}, std::uint64_t{0x0123456789abcdef}, ~std::uint64_t{0}}) {
        CHECK(encode_content_hash(h).size() == 8);
        CHECK(decode_content_hash(encode_content_hash(h)) == h);
    }
    CHECK_FALSE(decode_content_hash("1234567").has_value());
}

TEST_CASE("The stored hashes are read back from an indexed database, one per thread", "[indexer][hash]") {
    test::TempDir dir;
    const std::vector<Thread> threads = {full_thread(), test::make_thread("t2", "Other", {"Body."}),
                                         test::make_thread("t3", "Third", {"One.", "Two.", "Three."})};
    const std::string db = test::write_index(dir, threads);
    StoredHashes stored;
    stored.add_from(Xapian::Database(db));
    CHECK(stored.size() == 3);
    for (const Thread& t : threads) CHECK(stored.find(t.id) == content_hash(t));
    CHECK_FALSE(stored.find("t4").has_value());
    // Every answer carries its thread's hash.
    Xapian::Database read(db);
    for (auto it = read.postlist_begin(""); it != read.postlist_end(""); ++it)
        CHECK(read.get_document(*it).get_value(schema::slot::content_hash).size() == 8);
}
