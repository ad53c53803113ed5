// Plain words also search who answered (engine/author_names.hpp): a name
// among the question's words finds and lifts that author's answers, a
// hyphenated name is split as the indexer split it, and a question that
// names nobody is searched exactly as without the rule.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/search_engine.hpp"
#include "index_support.hpp"

using namespace qadex;

namespace {

Thread with_authors(Thread t, const std::vector<std::string>& authors) {
    for (std::size_t i = 0; i < authors.size() && i < t.answers.size(); ++i) t.answers[i].author = authors[i];
    return t;
}

struct AuthorCorpus {
    test::TempDir dir;
    std::string db = test::write_index(
        dir, {with_authors(test::make_thread("botox-long", "Does Botox cause forehead atrophy over the years?",
                                             {"Botox relaxes the forehead; years of Botox can thin the muscle, "
                                              "and Botox atrophy of the forehead is mild.",
                                              "Some thinning after Botox is expected."}),
                           {"Harold Kaplan, MD", "Soo-Jin Marsh, MD"}),
              with_authors(test::make_thread("botox-brows", "Botox for the brows",
                                             {"Botox between the brows softens frown lines for three months."}),
                           {"Kaplan Ortiz, MD"}),
              with_authors(test::make_thread("filler", "How long do fillers last?",
                                             {"Hyaluronic acid fillers last six to twelve months.",
                                              "Fillers in the lips go sooner."}),
                           {"Dana Whitfield, MD", "Will Brady, MD"})});
};

std::vector<std::string> authors_of(const SearchResult& r) {
    std::vector<std::string> out;
    for (const SearchHit& h : r.hits) out.push_back(h.stored.answer.author);
    return out;
}

SearchResult search_for(const std::string& db, const std::string& query, double author_weight = 1.0,
                    bool collapse = false) {
    RankingSettings ranking;
    ranking.author_names_weight = author_weight;
    SearchEngine engine(db, ranking);
    SearchRequest request;
    request.query = query;
    request.collapse = collapse;
    return engine.search(request);
}

}  // namespace

TEST_CASE("a name among plain words finds that author's answers and lifts them", "[author_names]") {
    AuthorCorpus c;
    // Only the author field has "whitfield": without the rule nothing matches.
    const SearchResult named = search_for(c.db, "whitfield");
    REQUIRE(authors_of(named) == std::vector<std::string>{"Dana Whitfield, MD"});
    CHECK(named.corrected.empty());
    CHECK(search_for(c.db, "whitfield", 0).hits.empty());

    // Kaplan's forehead answer, three times "Botox", is the best Botox
    // answer; naming the author of a shorter one puts that one first.
    REQUIRE(authors_of(search_for(c.db, "botox")).front() == "Harold Kaplan, MD");
    CHECK(authors_of(search_for(c.db, "marsh botox")).front() == "Soo-Jin Marsh, MD");
    CHECK(authors_of(search_for(c.db, "marsh botox", 0)).front() == "Harold Kaplan, MD");
    // A hyphenated first name is its two words, as the indexer split it.
    CHECK(authors_of(search_for(c.db, "soo-jin")).front() == "Soo-Jin Marsh, MD");
    // "kaplan" is a first name and a surname: both authors' answers match.
    CHECK(search_for(c.db, "kaplan").hits.size() == 2);
}

TEST_CASE("a question that names nobody is searched as without the rule", "[author_names]") {
    AuthorCorpus c;
    for (const std::string q : {"botox atrophy", "how long do fillers last", "brows"}) {
        INFO(q);
        CHECK(search_for(c.db, q).interpreted == search_for(c.db, q, 0).interpreted);
    }
    // Stop words never search names, though Dr. Brady is called "Will".
    CHECK(search_for(c.db, "will botox last").interpreted == search_for(c.db, "will botox last", 0).interpreted);
}
