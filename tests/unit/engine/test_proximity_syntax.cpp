// NEAR and ADJ as libxapian 1.4's QueryParser can take them: chains
// bracketed so that words around them do not turn them into plain words,
// and the shapes the parser leaks on recognised.
#include <catch2/catch.hpp>
#include <string>

#include "engine/proximity_syntax.hpp"

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
