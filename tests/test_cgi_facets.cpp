// The web front end counts facets itself (searcher/engine/facet_counts.hpp); its
// counts and "+N more answers" must stay exactly what SearchEngine gives
// with SearchRequest::facets, whatever the query.
#include <catch2/catch.hpp>

#include "engine/facet_counts.hpp"
#include "engine/search_engine.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

std::string corpus_db(const test::TempDir& dir) {
    auto db = (dir / "db").string();
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", (test::source_dir() / "corpus").string(),
                                (test::source_dir() / "tests" / "web" / "fixtures" / "hostile.jsonl").string()});
    REQUIRE(r.exit_code == 0);
    return db;
}

void require_same(const std::map<std::string, std::vector<FacetValue>>& got,
                  const std::map<std::string, std::vector<FacetValue>>& want) {
    REQUIRE(got.size() == want.size());
    for (const auto& [field, values] : want) {
        INFO(field);
        REQUIRE(got.count(field) == 1);
        const auto& mine = got.at(field);
        REQUIRE(mine.size() == values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            CHECK(mine[i].value == values[i].value);
            CHECK(mine[i].count == values[i].count);
        }
    }
}

}  // namespace

TEST_CASE("Facets counted apart from the ranked match equal the engine's", "[cgi]") {
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
            const SearchResult want = engine.search(request);
            request.facets = false;
            SearchResult got = engine.search(request);
            add_facets(engine.database(), request, got);
            require_same(got.facets, want.facets);
            REQUIRE(got.hits.size() == want.hits.size());
            for (std::size_t i = 0; i < got.hits.size(); ++i) {
                CHECK(got.hits[i].stored.answer.id == want.hits[i].stored.answer.id);
                CHECK(got.hits[i].more_answers == want.hits[i].more_answers);
            }
        }
    }
}
