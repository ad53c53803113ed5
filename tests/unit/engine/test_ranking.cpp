// Query -> which answers match and in what order, in process through
// SearchEngine on a database the test writes (tests/ranking_corpus.hpp).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/search_engine.hpp"
#include "ranking_corpus.hpp"

using namespace qadex;

namespace {

struct Corpus {
    test::TempDir dir;
    std::vector<Thread> threads = test::ranking_corpus();
    std::string db = test::write_index(dir, threads);
};

SearchResult search(SearchEngine& engine, const std::string& query, std::size_t per_page = 10, bool collapse = true,
                    std::size_t page = 1) {
    SearchRequest request;
    request.query = query;
    request.per_page = per_page;
    request.page = page;
    request.collapse = collapse;
    return engine.search(request);
}

// Answers that contain any of `words` in a default field.
std::size_t answers_with_any(const std::vector<Thread>& threads, const std::vector<std::string>& words) {
    std::size_t n = 0;
    for (const Thread& t : threads)
        for (const Answer& a : t.answers) {
            Thread one = t;
            one.answers = {a};
            bool any = false;
            for (const auto& w : words) any = any || test::answers_with_word({one}, w) > 0;
            n += any;
        }
    return n;
}

}  // namespace

TEST_CASE("A short query finds every answer that has its words in any field", "[searcher][ranking]") {
    Corpus corpus;
    SearchEngine engine(corpus.db);
    struct Row {
        std::string query;
        std::vector<std::string> words;
    };
    const std::vector<Row> rows = {
        {"atrophy", {"atrophy"}},  // in 600 answers' text and 10 titles (rare there)
        {"disease", {"disease"}},
        {"treatment", {"treatment"}},
        {"disease symptoms", {"disease", "symptoms"}},
        {"atrophy glaucoma", {"atrophy", "glaucoma"}},
    };
    for (const Row& row : rows) {
        const std::size_t expected = answers_with_any(corpus.threads, row.words);
        INFO(row.query << ": " << expected << " answers have the words");
        REQUIRE(expected > 10);
        const SearchResult all = search(engine, row.query, 2000, false);
        CHECK(all.hits.size() == expected);
        CHECK(all.total_estimate == expected);
    }
}

TEST_CASE("A query whose parse finds nothing is searched as plain words, with a notice", "[searcher][ranking][query]") {
    Corpus corpus;
    SearchEngine engine(corpus.db);
    struct Row {
        std::string query;
        std::string first_thread;  // the first hit's thread starts so; "" to skip
        bool notice;               // "searched as plain words"
    };
    const std::vector<Row> rows = {
        // The unbalanced quote makes the rest one phrase, which no answer has.
        {"\"unbalanced (AND OR NOT kidney", "kidney", true},
        {"title:kidney AND glaucoma", "", true},  // as words: title kidney and glaucoma
        {"\"stones kidney\"", "kidney", true},
        // Parses that find something are left as they are.
        {"\"kidney stones\"", "kidney", false},
        {"kidney AND stones", "kidney", false},
        {"kidney", "kidney", false},
        // Words that find nothing say nothing more.
        {"zzqxv", "", false},
    };
    for (const Row& row : rows) {
        INFO(row.query);
        const SearchResult r = search(engine, row.query);
        bool notice = false;
        for (const auto& n : r.notices) notice = notice || n.find("searched as plain words") != std::string::npos;
        CHECK(notice == row.notice);
        if (row.first_thread.empty()) continue;
        REQUIRE_FALSE(r.hits.empty());
        CHECK(r.hits[0].stored.thread_id.starts_with(row.first_thread));
    }
}

TEST_CASE("Result counts are exact up to 1,000 matches, the same on every page", "[searcher][ranking][count]") {
    Corpus corpus;
    SearchEngine engine(corpus.db);
    // 359 questions with two answers each have "keloid".
    struct Row {
        std::string query;
        bool collapse;
        std::size_t expected;
    };
    const std::vector<Row> rows = {
        {"keloid", true, 359},
        {"keloid", false, 718},
        {"keloid scar", true, 359},
        {"atrophy", true, test::answers_with_word(corpus.threads, "atrophy")},
        {"glaucoma", true, 3},
    };
    for (const Row& row : rows)
        for (std::size_t per_page : {10, 7, 50, 100})
            for (std::size_t page : {1, 2, 3}) {
                INFO(row.query << (row.collapse ? "" : " (all answers)") << ", page " << page << " of " << per_page);
                const SearchResult r = search(engine, row.query, per_page, row.collapse, page);
                CHECK(r.total_estimate == row.expected);
                CHECK(r.total_exact);
            }
}

TEST_CASE("The kind of question is recognised by the stem of its cue word", "[searcher][ranking]") {
    Corpus corpus;
    SearchEngine engine(corpus.db);
    // Three answers with the same text, of the categories causes, treatment
    // and exams and tests: only the question type orders them.
    struct Row {
        std::string query;
        std::string first_thread;
    };
    const std::vector<Row> rows = {
        {"how is glaucoma diagnosed", "glaucoma-exams and tests"},
        {"how to diagnose glaucoma", "glaucoma-exams and tests"},
        {"glaucoma diagnosing", "glaucoma-exams and tests"},
        {"how is glaucoma treated", "glaucoma-treatment"},
        {"glaucoma healing", "glaucoma-treatment"},
        {"glaucoma curing", "glaucoma-treatment"},
        {"what causes glaucoma", "glaucoma-causes"},
        {"glaucoma caused by", "glaucoma-causes"},
    };
    for (const Row& row : rows) {
        INFO(row.query);
        const SearchResult r = search(engine, row.query);
        REQUIRE(r.hits.size() == 3);
        CHECK(r.hits[0].stored.thread_id == row.first_thread);
        CHECK(r.hits[0].score > r.hits[1].score);
    }
}
