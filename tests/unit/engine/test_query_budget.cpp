// The bounds of a parsed query (engine/query_budget.hpp, issue 21): words
// counted however they are joined, repeated parts merged without changing a
// score, phrases beyond the budget searched as words, the most frequent
// words of a costly question left out, a costly query-language query
// searched as plain words. In process, on the made-up ranking corpus.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include <xapian.h>

#include "engine/query_budget.hpp"
#include "engine/query_builder.hpp"
#include "ranking_corpus.hpp"

using namespace qadex;

namespace {

std::size_t count_of(const Xapian::Query& q, Xapian::Query::op type) {
    std::size_t n = q.get_type() == type ? 1 : 0;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) n += count_of(q.get_subquery(i), type);
    return n;
}

std::string repeated(const std::string& part, const std::string& separator, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += (i ? separator : "") + part;
    return out;
}

bool has_notice(const BuiltQuery& built, const std::string& text) {
    for (const auto& notice : built.notices)
        if (notice.find(text) != std::string::npos) return true;
    return false;
}

bool has_term(const Xapian::Query& q, const std::string& term) {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
        if (*t == term) return true;
    return false;
}

struct Corpus {
    test::TempDir dir;
    Xapian::Database db{test::write_index(dir, test::ranking_corpus())};
};

// Each answer's weight for `q`.
std::map<Xapian::docid, double> weights(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::map<Xapian::docid, double> out;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
}

}  // namespace

TEST_CASE("Words are counted however they are joined", "[searcher][query][budget]") {
    CHECK(start_of_word_after("a b c", 2) == 4);
    CHECK(start_of_word_after("of-a,of-a", 2) == 5);
    CHECK(start_of_word_after("of-a,of-a", 4) == std::string::npos);
    CHECK(start_of_word_after("don't stop", 1) == 6);  // an apostrophe inside a word joins it
    CHECK(start_of_word_after("is/what.is\\what", 3) == 11);
    CHECK(start_of_word_after("\xc3\xa9-\xc3\x9f", 1) == 3);  // é-ß: two words
    CHECK(start_of_word_after("  ,,  ", 0) == std::string::npos);

    // The query: 682 comma-joined two-word phrases are 1,364 words.
    Corpus corpus;
    QueryBuilder builder(corpus.db, {});
    const BuiltQuery built = builder.build(repeated("of-a", ",", 682), false, false);
    CHECK(has_notice(built, "query cut to its first 256 words"));
}

TEST_CASE("Identical parts are one, however their terms' positions differ", "[searcher][query][budget]") {
    const Xapian::Query a1("Zpain", 1, 1), a3("Zpain", 1, 3), b2("Zleg", 1, 2);
    CHECK(identity_of(a1) == identity_of(a3));
    CHECK(identity_of(a1) != identity_of(b2));
    const std::vector<Xapian::Query> of_a1 = {Xapian::Query("of", 1, 1), Xapian::Query("a", 1, 2)};
    const std::vector<Xapian::Query> of_a3 = {Xapian::Query("of", 1, 3), Xapian::Query("a", 1, 4)};
    const Xapian::Query p1(Xapian::Query::OP_PHRASE, of_a1.begin(), of_a1.end(), 2);
    const Xapian::Query p3(Xapian::Query::OP_PHRASE, of_a3.begin(), of_a3.end(), 2);
    CHECK(identity_of(p1) == identity_of(p3));

    const std::vector<CountedQuery> merged = merge_identical({a1, b2, a3, p1, p3, a1});
    REQUIRE(merged.size() == 3);
    CHECK(merged[0].count == 3);
    CHECK(merged[1].count == 1);
    CHECK(merged[2].count == 2);

    // Nothing repeated: the query itself; an XOR is not merged (a XOR a matches nothing).
    const std::vector<Xapian::Query> distinct = {a1, b2};
    const Xapian::Query or_distinct(Xapian::Query::OP_OR, distinct.begin(), distinct.end());
    bool changed = false;
    CHECK(merge_identical_subqueries(or_distinct, changed).get_description() == or_distinct.get_description());
    CHECK_FALSE(changed);
    const std::vector<Xapian::Query> twice = {a1, a3};
    const Xapian::Query xor_twice(Xapian::Query::OP_XOR, twice.begin(), twice.end());
    CHECK(count_of(merge_identical_subqueries(xor_twice), Xapian::Query::LEAF_TERM) == 2);
}

TEST_CASE("Merging repeated parts changes no answer's weight", "[searcher][query][budget]") {
    Corpus corpus;
    auto term = [](const char* t, Xapian::termpos pos) { return Xapian::Query(t, 1, pos); };
    const std::vector<Xapian::Query> atrophy = {term("atrophy", 0), term("can", 0)};
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, atrophy.begin(), atrophy.end(), 2);
    const std::vector<Xapian::Query> ors = {term("Zdiseas", 1), term("Zatrophi", 2), term("Zdiseas", 3), phrase,
                                            term("Zdiseas", 5), phrase,             term("ZSatrophi", 7)};
    const Xapian::Query with_repeats(Xapian::Query::OP_OR, ors.begin(), ors.end());
    const std::vector<Xapian::Query> ands = {with_repeats, term("Ztreatment", 8), term("Ztreatment", 9)};
    for (const Xapian::Query& q : {with_repeats, Xapian::Query(Xapian::Query::OP_AND, ands.begin(), ands.end())}) {
        const Xapian::Query merged = merge_identical_subqueries(q);
        INFO(q.get_description() << "\nmerged: " << merged.get_description());
        CHECK(count_of(merged, Xapian::Query::LEAF_TERM) < count_of(q, Xapian::Query::LEAF_TERM));
        const auto before = weights(corpus.db, q), after = weights(corpus.db, merged);
        REQUIRE(before.size() == after.size());
        REQUIRE(before.size() > 100);
        for (const auto& [doc, weight] : before) CHECK(after.at(doc) == Approx(weight).epsilon(1e-12));
    }
}

TEST_CASE("A word typed many times is searched once, weighted as many times", "[searcher][query][budget]") {
    Corpus corpus;
    QueryBuilder builder(corpus.db, {});
    // 256 space-separated "is-what": one phrase per field, not 1,024.
    const BuiltQuery phrases = builder.build(repeated("is-what", " ", 256), false, false);
    CHECK(count_of(phrases.matching, Xapian::Query::OP_PHRASE) == 4);
    const BuiltQuery words = builder.build(repeated("atrophy", " ", 200), false, false);
    CHECK(count_of(words.matching, Xapian::Query::LEAF_TERM) == 4);
    // In the query language too, at any depth.
    const BuiltQuery parsed = builder.build("(" + repeated("\"disease described\"", " OR ", 100) + ") AND treatment", false, false);
    CHECK(parsed.parsed);
    CHECK(count_of(parsed.matching, Xapian::Query::OP_PHRASE) == 4);
}

TEST_CASE("Hyphenated words beyond the phrase budget are searched as their words", "[searcher][query][budget]") {
    Corpus corpus;
    // 20 distinct hyphenated words: at most 16 phrases in each of 4 fields.
    std::string text;
    for (int i = 0; i < 20; ++i) text += test::numbered("alpha", i) + "-" + test::numbered("beta", i) + " ";
    QueryBuilder builder(corpus.db, {});
    const BuiltQuery built = builder.build(text, false, false);
    CHECK(count_of(built.matching, Xapian::Query::OP_PHRASE) == 64);
    CHECK(has_notice(built, "4 hyphenated words were searched as separate words"));
    CHECK(has_term(built.matching, "Zalpha19"));  // as a word, stemmed

    // Phrases of words found in many answers, against a small budget.
    RankingSettings settings;
    settings.budget.max_positional_postings = 1000;
    QueryBuilder small(corpus.db, settings);
    const BuiltQuery frequent = small.build("disease-described glaucoma", false, false);
    CHECK(count_of(frequent.matching, Xapian::Query::OP_PHRASE) == 0);
    CHECK(has_notice(frequent, "1 hyphenated word was searched as separate words"));
    const BuiltQuery rare = small.build("optic-nerve glaucoma", false, false);
    CHECK(count_of(rare.matching, Xapian::Query::OP_PHRASE) == 4);
    CHECK(rare.notices.empty());
}

TEST_CASE("A question too costly to match leaves out its most frequent words", "[searcher][query][budget]") {
    Corpus corpus;
    RankingSettings settings;
    settings.budget.max_query_postings = 500;
    QueryBuilder builder(corpus.db, settings);
    // disease (700 answers), treatment (700), symptoms (600) only refine the
    // ranking of the answers glaucoma finds; read where it matches, they are
    // still over this budget: the most frequent go first.
    const BuiltQuery built = builder.build("disease symptoms treatment glaucoma diabetes", false, false);
    INFO(built.matching.get_description());
    CHECK(has_notice(built, "query too costly to search whole"));
    CHECK(has_term(built.matching, "Zglaucoma"));
    CHECK(has_term(built.matching, "Zdiabet"));
    CHECK_FALSE(has_term(built.matching, "Zdiseas"));
    CHECK(estimated_cost(built.matching, corpus.db).postings <= 500);
    // With the default budget nothing is left out.
    QueryBuilder normal(corpus.db, {});
    const BuiltQuery whole = normal.build("disease symptoms treatment glaucoma diabetes", false, false);
    CHECK(whole.notices.empty());
    CHECK(has_term(whole.matching, "Zdiseas"));
}

TEST_CASE("A query-language query over the budget is searched as plain words", "[searcher][query][budget]") {
    Corpus corpus;
    RankingSettings settings;
    settings.budget.max_positional = 8;
    QueryBuilder builder(corpus.db, settings);
    // Three phrases, each in four fields: 12.
    const BuiltQuery built = builder.build("\"disease described\" \"symptoms vary\" \"treatment helps\"", false, false);
    CHECK_FALSE(built.parsed);
    CHECK(has_notice(built, "query too costly as written (12 phrases in all fields, more than 8)"));
    CHECK(count_of(built.matching, Xapian::Query::OP_PHRASE) == 0);
    const BuiltQuery two = builder.build("\"disease described\" \"symptoms vary\"", false, false);
    CHECK(two.parsed);
    CHECK(count_of(two.matching, Xapian::Query::OP_PHRASE) == 8);
}

TEST_CASE("A phrase tested at the answers another part finds is costed as such", "[searcher][query][budget]") {
    Corpus corpus;
    const std::vector<Xapian::Query> words = {Xapian::Query("disease"), Xapian::Query("is")};
    const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2);
    const QueryCost alone = estimated_cost(phrase, corpus.db);
    CHECK(alone.positional == 1);
    CHECK(alone.postings > 0);
    const Xapian::Query tested(Xapian::Query::OP_AND, Xapian::Query("Zdiseas"), phrase);
    const QueryCost under_and = estimated_cost(tested, corpus.db);
    CHECK(under_and.positional == 1);
    CHECK(under_and.positional_postings > 10 * alone.positional_postings);
}
