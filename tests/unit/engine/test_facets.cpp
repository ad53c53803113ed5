// SearchRequest::facets (searcher/engine/facet_counts.hpp): the engine's
// counts and "+N more answers" must be exactly what a count over every
// matching answer gives, whatever the query, for the CLI and the web alike.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "engine/search_engine.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

std::string corpus_db(const test::TempDir& dir, std::vector<std::string> extra_args = {}) {
    auto db = (dir / "db").string();
    std::vector<std::string> argv{test::index_tool(), "--db", db, "--quiet"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    argv.push_back((test::source_dir() / "corpus").string());
    argv.push_back((test::source_dir() / "tests" / "e2e" / "web" / "fixtures" / "hostile.jsonl").string());
    auto r = test::run_process(argv);
    REQUIRE(r.exit_code == 0);
    return db;
}

// A facet field's value of a stored answer, as the indexer stores it.
std::string value_of(const std::string& field, const StoredAnswer& a) {
    if (field == "specialty") return a.answer.specialty;
    if (field == "source") return a.source;
    if (field == "category") return a.category;
    FAIL("no stored value for facet field " << field << ": add it here");
    return {};
}

// Every matching answer, uncollapsed: what the counts must add up to.
std::vector<StoredAnswer> all_matches(SearchEngine& engine, SearchRequest request) {
    request.collapse = false;
    request.facets = false;
    request.page = 1;
    request.per_page = engine.database().get_doccount();
    std::vector<StoredAnswer> out;
    for (auto& hit : engine.search(request).hits) out.push_back(std::move(hit.stored));
    return out;
}

// Per facet field: the non-empty values' counts, most frequent first, ties by value, at most 20.
std::map<std::string, std::vector<FacetValue>> expected_facets(const std::vector<StoredAnswer>& matches) {
    std::map<std::string, std::vector<FacetValue>> out;
    for (const std::string& field : facet_fields()) {
        std::map<std::string, std::uint64_t> counts;
        for (const auto& a : matches)
            if (auto v = value_of(field, a); !v.empty()) ++counts[v];
        auto& values = out[field];
        for (const auto& [value, count] : counts) values.push_back({value, count});
        std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
        if (values.size() > 20) values.resize(20);
    }
    return out;
}

}  // namespace

TEST_CASE("Facet counts and more answers are exact counts over every match", "[searcher][cgi]") {
    test::TempDir dir;
    const auto db = corpus_db(dir);
    SearchEngine engine(db);
    struct Case {
        std::string query;
        std::vector<std::pair<std::string, std::string>> filters;
    };
    const std::vector<Case> cases{
        {"does Botox cause atrophy", {}},
        {"botox", {{"specialty", "Dermatologist"}}},
        {"botox", {{"specialty", "Dermatologist"}, {"specialty", "Plastic Surgeon"}}},
        {"filler", {{"source", "qadex-sample"}, {"category", "side effects"}}},
        {"", {{"category", "side effects"}}},
        {"atroph*", {}},
        {"\"muscle atrophy\" OR title:filler", {}},
        {"botox NOT forehead", {}},
        {"botx atrophi", {}},               // spelling correction
        {"zanzibar fever", {}},             // hostile values
        {"qwertyuiop", {}},                 // nothing at all
        {"rating:4.5..5 botox", {}},
    };
    for (const auto& c : cases) {
        for (bool collapse : {true, false}) {
            INFO(c.query << " filters " << c.filters.size() << " collapse " << collapse);
            SearchRequest request;
            request.query = c.query;
            request.filters = c.filters;
            request.collapse = collapse;
            request.facets = true;
            const SearchResult got = engine.search(request);
            const std::vector<StoredAnswer> matches = all_matches(engine, request);
            const auto want = expected_facets(matches);
            REQUIRE(got.facets.size() == want.size());
            for (const auto& [field, values] : want) {
                INFO(field);
                const auto& mine = got.facets.at(field);
                REQUIRE(mine.size() == values.size());
                for (std::size_t i = 0; i < values.size(); ++i) {
                    CHECK(mine[i].value == values[i].value);
                    CHECK(mine[i].count == values[i].count);
                }
            }
            for (const SearchHit& hit : got.hits) {
                const auto same_thread = std::count_if(matches.begin(), matches.end(), [&](const StoredAnswer& a) {
                    return a.thread_id == hit.stored.thread_id;
                });
                CHECK(hit.more_answers == (collapse ? static_cast<std::size_t>(same_thread - 1) : 0u));
            }
        }
    }
}

TEST_CASE("Local shards count facets and more answers as one database does", "[searcher][shards]") {
    test::TempDir one_dir, sharded_dir;
    SearchEngine one(corpus_db(one_dir)), sharded(corpus_db(sharded_dir, {"--shards", "3"}));
    for (const char* query : {"does Botox cause atrophy", "filler", "zanzibar fever"}) {
        INFO(query);
        SearchRequest request;
        request.query = query;
        request.facets = true;
        const SearchResult a = one.search(request), b = sharded.search(request);
        for (const std::string& field : facet_fields()) {
            INFO(field);
            REQUIRE(a.facets.at(field).size() == b.facets.at(field).size());
            for (std::size_t i = 0; i < a.facets.at(field).size(); ++i) {
                CHECK(a.facets.at(field)[i].value == b.facets.at(field)[i].value);
                CHECK(a.facets.at(field)[i].count == b.facets.at(field)[i].count);
            }
        }
        REQUIRE(a.hits.size() == b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i) CHECK(a.hits[i].more_answers == b.hits[i].more_answers);
    }
}
