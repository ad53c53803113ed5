// Which thread an answer id belongs to: within a run and against the database.
#include <catch2/catch.hpp>

#include <map>

#include "answer_owners.hpp"

using namespace qadex;

namespace {

std::vector<std::string_view> ids(std::initializer_list<std::string_view> list) { return list; }

std::string conflict_text(const AnswerOwners& owners, std::string_view thread, const std::vector<std::string_view>& answers) {
    auto c = owners.conflict(thread, answers);
    return c ? c->answer_id + " of " + c->owner : "";
}

}  // namespace

TEST_CASE("An answer id a second thread gives again belongs to the first, and a thread's own do not conflict", "[indexer][owners]") {
    AnswerOwners owners;
    CHECK(conflict_text(owners, "A", ids({"x1", "x2"})).empty());
    owners.claim("A", ids({"x1", "x2"}));
    CHECK(conflict_text(owners, "B", ids({"y1", "x2"})) == "x2 of A");
    CHECK(conflict_text(owners, "A", ids({"x2", "x3"})).empty());  // A again: its own answers
    // A rewritten without x2 gives it up; B may then take it.
    owners.claim("A", ids({"x1"}));
    CHECK(conflict_text(owners, "B", ids({"y1", "x2"})).empty());
    owners.claim("B", ids({"y1", "x2"}));
    CHECK(conflict_text(owners, "A", ids({"x2"})) == "x2 of B");
    CHECK(conflict_text(owners, "C", ids({"x1"})) == "x1 of A");
}

TEST_CASE("The database's owner counts only for threads the run has not rewritten", "[indexer][owners]") {
    const std::map<std::string, std::string> stored{{"s1", "S"}, {"s2", "S"}, {"t1", "T"}};
    int lookups = 0;
    AnswerOwners owners([&](const std::string& id) -> std::optional<std::string> {
        ++lookups;
        auto it = stored.find(id);
        return it == stored.end() ? std::nullopt : std::optional(it->second);
    });
    CHECK(conflict_text(owners, "S", ids({"s1", "s2", "s3"})).empty());  // an update of S
    CHECK(conflict_text(owners, "B", ids({"b1", "t1"})) == "t1 of T");
    // S rewritten in this run without s2: the stored owner no longer counts.
    owners.claim("S", ids({"s1"}));
    CHECK(conflict_text(owners, "B", ids({"s2"})).empty());
    CHECK(conflict_text(owners, "B", ids({"s1"})) == "s1 of S");
    lookups = 0;
    owners.claim("B", ids({"s2"}));
    CHECK(conflict_text(owners, "B", ids({"s2"})).empty());
    CHECK(lookups == 0);  // what the run wrote is known without asking the database
}

TEST_CASE("Ownership holds across many threads and answers", "[indexer][owners]") {
    AnswerOwners owners;
    for (int t = 0; t < 3000; ++t) {
        const std::string thread = "thread-" + std::to_string(t);
        const std::string a = thread + "-a", b = thread + "-b";
        REQUIRE(!owners.conflict(thread, ids({a, b})));
        owners.claim(thread, ids({a, b}));
    }
    CHECK(owners.answers() == 6000);
    for (int t = 0; t < 3000; t += 7) {
        const std::string a = "thread-" + std::to_string(t) + "-a";
        CHECK(conflict_text(owners, "other", ids({a})) == a + " of thread-" + std::to_string(t));
    }
}
