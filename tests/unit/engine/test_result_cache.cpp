// The result cache of a long-lived engine (engine/result_cache.hpp): a
// repeated search is answered from memory with the same result, any change
// to the request is a different entry, a commit makes every entry stale,
// and the cache stays within its bytes.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "engine/result_cache.hpp"
#include "engine/search_engine.hpp"
#include "index_support.hpp"

using namespace qadex;

namespace {

std::vector<std::string> hit_ids(const SearchResult& r) {
    std::vector<std::string> ids;
    for (const SearchHit& h : r.hits) ids.push_back(h.stored.answer.id);
    return ids;
}

SearchRequest request_for(const std::string& query) {
    SearchRequest r;
    r.query = query;
    return r;
}

SearchResult result_with_body(std::size_t body_bytes) {
    SearchResult r;
    SearchHit hit;
    hit.stored.answer.body.assign(body_bytes, 'x');
    r.hits.push_back(hit);
    return r;
}

}  // namespace

TEST_CASE("every member of a search request changes its cache key", "[result_cache]") {
    const SearchRequest base = request_for("botox atrophy");
    std::vector<SearchRequest> changed(11, base);
    changed[0].query = "botox atrophy?";
    changed[1].page = 2;
    changed[2].per_page = 20;
    changed[3].collapse = false;
    changed[4].filters = {{"source", "GARD"}};
    changed[5].sort = SortOrder::date;
    changed[6].facets = true;
    changed[7].snippet_bytes = 200;
    changed[8].spelling = false;
    changed[9].synonyms = false;
    changed[10].explain = true;
    std::set<std::string> keys{result_cache_key(base)};
    for (const SearchRequest& r : changed) CHECK(keys.insert(result_cache_key(r)).second);
    // Lengths keep the query's bytes from running into the filters'.
    SearchRequest a = request_for("a"), b = request_for("a1:b");
    a.filters = {{"b", "c"}};
    b.filters = {{"c", ""}};
    CHECK(result_cache_key(a) != result_cache_key(b));
    CHECK(result_cache_key(base) == result_cache_key(request_for("botox atrophy")));
}

TEST_CASE("the cache drops the least recently used results to stay within its bytes", "[result_cache]") {
    // Room for four results of this size and a half, whatever the overheads.
    const std::size_t each = approximate_bytes(result_with_body(5'000));
    const std::size_t room = 4 * each + each / 2;
    ResultCache cache(room);
    const SearchRequest one = request_for("one"), two = request_for("two"), three = request_for("three");
    cache.store(one, 7, result_with_body(5'000));
    cache.store(two, 7, result_with_body(5'000));
    REQUIRE(cache.find(one, 7));  // "one" is now the most recently used
    cache.store(three, 7, result_with_body(5'000));
    cache.store(request_for("four"), 7, result_with_body(5'000));
    cache.store(request_for("five"), 7, result_with_body(5'000));
    CHECK(cache.bytes() <= room);
    CHECK(cache.entries() == 4);
    CHECK(cache.find(one, 7));
    CHECK_FALSE(cache.find(two, 7));
    CHECK(cache.find(three, 7));
    // A result over a quarter of the cache is not kept: it would push out many.
    cache.store(request_for("huge"), 7, result_with_body(2 * each));
    CHECK_FALSE(cache.find(request_for("huge"), 7));
    // Another revision: nothing stored before it is found.
    CHECK_FALSE(cache.find(one, 8));
    cache.store(two, 8, result_with_body(10));
    CHECK(cache.entries() == 1);
    CHECK_FALSE(cache.find(one, 7));
}

TEST_CASE("an engine keeping recent results answers a repeated search the same, and a commit anew",
          "[result_cache]") {
    test::TempDir dir;
    std::vector<Thread> threads{
        test::make_thread("botox-1", "Does Botox cause muscle atrophy?",
                          {"Repeated Botox injections can thin the treated muscle over years.",
                           "Atrophy after Botox is usually mild and reversible."}),
        test::make_thread("filler-1", "How long do fillers last?", {"Hyaluronic acid fillers last six to twelve months."}),
    };
    const std::string db = test::write_index(dir, threads);
    SearchEngine engine(db);
    engine.keep_recent_results(1 << 20);
    SearchRequest request = request_for("botox atrophy");
    request.facets = true;

    const SearchResult first = engine.search(request);
    REQUIRE(!first.hits.empty());
    REQUIRE(engine.result_cache());
    CHECK(engine.result_cache()->hits() == 0);
    const SearchResult again = engine.search(request);
    CHECK(engine.result_cache()->hits() == 1);
    CHECK(hit_ids(again) == hit_ids(first));
    CHECK(again.total_estimate == first.total_estimate);
    CHECK(again.hits[0].snippet.text == first.hits[0].snippet.text);
    CHECK(again.facets.size() == first.facets.size());
    request.page = 2;
    engine.search(request);
    CHECK(engine.result_cache()->hits() == 1);  // another page is another search

    // The indexer commits a third Botox thread: the reopened engine finds it.
    threads.push_back(test::make_thread("botox-2", "Botox and atrophy of the forehead",
                                        {"Forehead atrophy after Botox: what to expect."}));
    test::write_index(dir, threads);
    REQUIRE(engine.reopen());
    request.page = 1;
    const SearchResult after_commit = engine.search(request);
    CHECK(after_commit.total_estimate == first.total_estimate + 1);
    CHECK(engine.result_cache()->hits() == 1);

    // Off: every search runs.
    engine.keep_recent_results(0);
    CHECK(engine.result_cache() == nullptr);
    CHECK(hit_ids(engine.search(request)) == hit_ids(after_commit));
}
