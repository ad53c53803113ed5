// Suggestions as you type (engine/suggest.hpp) on a real database written by
// the indexer library in a temporary directory.
#include <catch2/catch.hpp>
#include <algorithm>
#include <xapian.h>

#include "engine/search_engine.hpp"
#include "engine/suggest.hpp"
#include "engine/word_completion.hpp"
#include "index_support.hpp"

using namespace qadex;
using test::make_thread;

namespace {

std::string suggest_db(const test::TempDir& dir) {
    return test::write_index(dir, {
        make_thread("t1", "What is diabetes?", {"Diabetes is high blood sugar.", "Diabetes needs care.",
                                               "Type 2 diabetes is common."}),
        make_thread("t2", "Can diabetes cause numb feet?", {"Diabetic neuropathy numbs the feet."}),
        make_thread("t3", "Is diabetes insipidus rare?", {"Diabetes insipidus is rare, unlike diabetes."}),
        make_thread("t4", "Early Alzheimer signs", {"Alzheimer disease starts with memory loss.",
                                                    "Alzheimer care at home."}),
        make_thread("t5", "Parkinson tremor at rest", {"Parkinson disease causes a resting tremor."}),
        make_thread("t6", "Crème for eczema", {"A crème with urea helps eczema."}),
    });
}

std::vector<std::string> words(const SuggestResult& r) {
    std::vector<std::string> out;
    for (const auto& s : r.suggestions)
        if (s.kind == SuggestionKind::word) out.push_back(s.text);
    return out;
}

std::vector<std::string> titles(const SuggestResult& r) {
    std::vector<std::string> out;
    for (const auto& s : r.suggestions)
        if (s.kind == SuggestionKind::title) out.push_back(s.text);
    return out;
}

}  // namespace

TEST_CASE("Suggest completes the last word by answers found, then titles", "[suggest]") {
    test::TempDir dir;
    Suggester s(Xapian::Database(suggest_db(dir)));
    const SuggestResult r = s.suggest("diab");
    const auto completed = words(r);
    REQUIRE(completed.size() >= 2);
    CHECK(completed[0] == "diabetes");
    CHECK(std::count(completed.begin(), completed.end(), "diabetic") == 1);
    CHECK(r.suggestions.size() <= max_suggestions);
    // Words first, then titles; each by count, most first.
    bool seen_title = false;
    std::uint64_t last_word = UINT64_MAX, last_title = UINT64_MAX;
    for (const auto& x : r.suggestions) {
        if (x.kind == SuggestionKind::title) {
            seen_title = true;
            CHECK(x.count <= last_title);
            last_title = x.count;
        } else {
            CHECK_FALSE(seen_title);
            CHECK(x.count <= last_word);
            last_word = x.count;
        }
        CHECK(x.count > 0);
    }
    CHECK(r.suggestions[0].count == 5);  // answers holding "diabetes" in their text (t1 x3, t3 x1) or title (5)
    REQUIRE_FALSE(titles(r).empty());
    CHECK(titles(r)[0] == "What is diabetes?");  // 3 answers
}

TEST_CASE("Suggest folds case and accents as the indexer does", "[suggest]") {
    test::TempDir dir;
    Suggester s(Xapian::Database(suggest_db(dir)));
    const auto plain = words(s.suggest("diab"));
    CHECK(words(s.suggest("Diab")) == plain);
    CHECK(words(s.suggest("DIÁB")) == plain);
    CHECK(words(s.suggest("diáb")) == plain);
    CHECK(words(s.suggest("cre"))[0] == "creme");
}

TEST_CASE("Suggest keeps the earlier words and completes the last", "[suggest]") {
    test::TempDir dir;
    Suggester s(Xapian::Database(suggest_db(dir)));
    CHECK(words(s.suggest("type 2 diab"))[0] == "type 2 diabetes");
    CHECK(words(s.suggest("Type  2 diab"))[0] == "Type 2 diabetes");  // as typed, spaces collapsed
    // A space at the end: the last word is complete, titles only.
    const SuggestResult r = s.suggest("alzheimer ");
    CHECK(words(r).empty());
    CHECK(titles(r) == std::vector<std::string>{"Early Alzheimer signs"});
    // The title needs every word typed but the stopwords.
    CHECK(titles(s.suggest("does diabetes cause nu")) == std::vector<std::string>{"Can diabetes cause numb feet?"});
}

TEST_CASE("Suggest completes a misspelt prefix from its edit-distance-1 variants", "[suggest]") {
    test::TempDir dir;
    Suggester s(Xapian::Database(suggest_db(dir)));
    for (const char* typo : {"diabt", "diabtes", "alzhiemer", "parkinsn", "dibaetes"}) {
        INFO(typo);
        const SuggestResult r = s.suggest(typo);
        REQUIRE_FALSE(r.suggestions.empty());
        CHECK(r.suggestions[0].corrected);
    }
    CHECK(words(s.suggest("diabt"))[0] == "diabetes");
    CHECK(words(s.suggest("alzhiemer"))[0] == "alzheimer");
    CHECK(words(s.suggest("parkinsn"))[0] == "parkinson");
    // Prefixes that complete need no correction.
    for (const char* prefix : {"alzh", "parkin", "diab"}) CHECK_FALSE(s.suggest(prefix).suggestions[0].corrected);
    // Nothing near: nothing.
    CHECK(s.suggest("qqqqzzzz").suggestions.empty());
}

TEST_CASE("Prefix variants are the edit-distance-1 ones", "[suggest]") {
    const auto v = prefix_variants("abc");
    CHECK(std::is_sorted(v.begin(), v.end()));
    CHECK(std::find(v.begin(), v.end(), "abc") == v.end());
    for (const char* expected : {"bc", "ac", "ab", "bac", "acb", "xbc", "abxc", "abcx", "xabc"})
        CHECK(std::find(v.begin(), v.end(), expected) != v.end());
    CHECK(std::find(v.begin(), v.end(), "cab") == v.end());  // two edits
}

TEST_CASE("Suggest refuses hostile text and has nothing for blank text", "[suggest]") {
    test::TempDir dir;
    Suggester s(Xapian::Database(suggest_db(dir)));
    CHECK(s.suggest("").suggestions.empty());
    CHECK(s.suggest("   \t ").suggestions.empty());
    CHECK_THROWS_AS(s.suggest("diab\x01"), BadQueryError);
    CHECK_THROWS_AS(s.suggest("diab\n"), BadQueryError);
    CHECK_THROWS_AS(s.suggest("\xff\xfe"), BadQueryError);
    CHECK_THROWS_AS(s.suggest(std::string(max_suggest_bytes + 1, 'd')), BadQueryError);
    CHECK_NOTHROW(s.suggest(std::string(max_suggest_bytes, 'd')));
    CHECK_NOTHROW(s.suggest(std::string(max_suggest_bytes / 2, ' ') + "diab"));
    CHECK_NOTHROW(s.suggest("' \" * ( ) AND OR NOT -- ''' ...diab"));
}
