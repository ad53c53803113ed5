// Query text as libxapian 1.4's QueryParser can take it: NEAR and ADJ
// chains bracketed so that words around them do not turn them into plain
// words, a query of only exclusions as NOT, a question written out told
// from a query, and the shapes the parser leaks on recognised.
#include <catch2/catch.hpp>
#include <string>

#include "engine/query_syntax.hpp"

using namespace qadex;

TEST_CASE("A NEAR or ADJ chain is bracketed, its sign and the brackets typed around it outside", "[searcher][query]") {
    const std::pair<const char*, const char*> rows[] = {
        {"shingles vaccine NEAR/5 age", "shingles (vaccine NEAR/5 age)"},
        {"a NEAR b x", "(a NEAR b) x"},
        {"a NEAR b", "(a NEAR b)"},
        {"x a ADJ/2 b NEAR c y", "x (a ADJ/2 b NEAR c) y"},
        {"-a ADJ b c", "-(a ADJ b) c"},
        {"x +a NEAR b", "x +(a NEAR b)"},
        {"x (a NEAR b) y", "x ((a NEAR b)) y"},
        {"(x a NEAR b)", "(x (a NEAR b))"},
        {"title:glaucoma NEAR body:atrophy x", "(title:glaucoma NEAR body:atrophy) x"},
        {"a NEAR b c NEAR d", "(a NEAR b) (c NEAR d)"},
        {"x\ta\tNEAR\tb", "x\t(a\tNEAR\tb)"},
    };
    for (const auto& [typed, bracketed] : rows) {
        INFO(typed);
        CHECK(bracket_proximity_chains(typed) == bracketed);
    }
    // Not chains of words: left as typed, for the parser to judge.
    for (const char* typed : {"\"x a NEAR b\"", "x \"a b\" NEAR c", "a NEAR", "NEAR b", "a AND NEAR/3 b", "a NEAR -b",
                              "a NEAR/x b", "a NEARBY b", "a near b", "a NEAR NEAR b", "a NEAR (b c)", ""}) {
        INFO(typed);
        CHECK(bracket_proximity_chains(typed) == typed);
    }
}

TEST_CASE("The shapes libxapian 1.4.22's QueryParser leaks on are recognised, and only those", "[searcher][query]") {
    for (const char* leaks : {"glaucoma AND NEAR/3 atrophy", "AND ADJ/1", "rat NOT\t\v\tNEAR/3 x", "-glaucoma ADJ optic nerve",
                              "(-rat ADJ/2 x y)", "-s\x01" "ADJ p r"}) {
        INFO(leaks);
        CHECK(parser_leaks_on(leaks));
    }
    for (const char* safe : {"glaucoma NEAR/3 atrophy", "glaucoma AND NEAR atrophy", "-(glaucoma ADJ optic) nerve",
                             "x-glaucoma NEAR a b", "glaucoma -optic ADJACENT nerve", "glaucoma NEAR -optic nerve"}) {
        INFO(safe);
        CHECK_FALSE(parser_leaks_on(safe));
    }
}

TEST_CASE("A query of nothing but excluded words becomes NOT of those words, any other comes back as typed",
          "[searcher][query]") {
    CHECK(exclusions_as_not("-botox") == "NOT (botox)");
    CHECK(exclusions_as_not("-botox  -filler") == "NOT (botox OR filler)");
    // Joined by OR: the parser's default would make a filter or a range
    // among them a filter on the words.
    CHECK(exclusions_as_not("-source:GARD -botox") == "NOT (source:GARD OR botox)");
    CHECK(exclusions_as_not("-botox -rating:..4") == "NOT (botox OR rating:..4)");
    for (const char* typed : {"", "botox", "botox -filler", "-botox filler", "-\"lip filler\"", "-(botox)", "- botox",
                              "--botox", "-botox -", "-AND", "-NEAR/2", "+botox"}) {
        INFO(typed);
        CHECK(exclusions_as_not(typed) == typed);
    }
}

TEST_CASE("A signed range loses its + and its - becomes NOT at the end, in a query without operators or brackets",
          "[searcher][query]") {
    const std::pair<const char*, const char*> rows[] = {
        {"botox -rating:..4", "botox NOT (rating:..4)"},
        {"botox +rating:4..", "botox rating:4.."},
        {"-rating:..2 botox \"lip filler\" -reviews:..3 +date:2025..", "botox \"lip filler\" date:2025.. NOT (rating:..2 OR reviews:..3)"},
        {"+botox -filler -rating:..4", "+botox -filler NOT (rating:..4)"},
        {"-rating:..4", "NOT (rating:..4)"},
    };
    for (const auto& [typed, rewritten] : rows) {
        INFO(typed);
        CHECK(signed_ranges_as_filters(typed) == rewritten);
    }
    // No signed range, a range in quotes, or operators and brackets whose
    // meaning a moved NOT would change: as typed.
    for (const char* typed : {"botox rating:..4", "botox -filler", "\"-rating:..4\" botox", "a OR b -rating:..4",
                              "(a -rating:..4) b", "a NEAR b -rating:..4", "botox -tags:a..b", ""}) {
        INFO(typed);
        CHECK(signed_ranges_as_filters(typed) == typed);
    }
}

TEST_CASE("A question written out reads as prose, short queries and long ones dense with operators do not",
          "[searcher][query]") {
    for (const char* prose :
         {"HELP TO LOCATE DRUG I need an anti-depressant that DOES NOT contain soy in any ingredient",
          "SHINGLES OR HIV HELP I HAVE HAD THIS ON AND OFF FOR 13 YEARS",
          "my mother has glaucoma AND high blood pressure and we want to know what to do"}) {
        INFO(prose);
        CHECK(reads_as_prose(prose));
    }
    for (const char* query : {"botox NOT forehead", "", "CAN LIPNODES AND OR LIVER CANCER BE DETECTED IN A UPPER GI",
                              "(botox OR dysport OR xeomin) AND (forehead OR glabella OR crows feet) NOT (eyebrow OR eyelid)",
                              "one two three four five six seven eight nine ten eleven twelve"}) {
        INFO(query);
        CHECK_FALSE(reads_as_prose(query));
    }
    CHECK(reads_as_prose("one two three four five six seven eight nine ten eleven twelve thirteen"));
}

TEST_CASE("Two dots are a range only after a range field's name", "[searcher][query]") {
    for (const char* range : {"botox rating:4.5..5", "reviews:10..", "(date:2025-01-01..2025-12-31)", "-rating:..4"}) {
        INFO(range);
        CHECK(has_range(range));
    }
    for (const char* punctuation : {"it hurts.. a lot", "SO.. each time...", "a..b", "\"rating:4..5\"", "botox. laser",
                                    "tags:a..b"}) {
        INFO(punctuation);
        CHECK_FALSE(has_range(punctuation));
    }
}
