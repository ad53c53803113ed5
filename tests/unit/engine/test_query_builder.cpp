// Query text -> the query that runs, in process on a database the test
// writes (tests/ranking_corpus.hpp): which terms decide what matches and
// which only refine the ranking (OP_AND_MAYBE), what spelling replaces, what
// wildcards expand to, and the notices.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "engine/query_builder.hpp"
#include "engine/word_list.hpp"
#include "ranking_corpus.hpp"

using namespace qadex;

namespace {

std::string joined_terms(const Xapian::Query& q) {
    std::set<std::string> terms(q.get_unique_terms_begin(), q.get_unique_terms_end());
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : " ") + t;
    return out;
}

// The parts of a built query: `matching` decides which answers match,
// `refining` only adds weight to them; the ranking priors are left out.
struct Parts {
    std::string matching, refining;
};

Parts parts_of(Xapian::Query q) {
    // A prior is an AND_MAYBE whose right side is a posting source (filtered
    // by the category terms, or scaled): not a word of the query.
    auto is_prior = [](const Xapian::Query& right) {
        return right.get_type() == Xapian::Query::OP_FILTER || right.get_type() == Xapian::Query::OP_SCALE_WEIGHT ||
               right.get_type() == Xapian::Query::LEAF_POSTING_SOURCE;
    };
    while (q.get_type() == Xapian::Query::OP_AND_MAYBE && is_prior(q.get_subquery(1))) q = q.get_subquery(0);
    if (q.get_type() == Xapian::Query::OP_AND_MAYBE) return {joined_terms(q.get_subquery(0)), joined_terms(q.get_subquery(1))};
    return {joined_terms(q), ""};
}

// Each word typed, as the four default fields index it (stemmed).
std::string fields(std::initializer_list<const char*> stems) {
    std::set<std::string> terms;
    for (const char* stem : stems)
        for (const char* prefix : {"Z", "ZS", "ZXQ", "ZK"}) terms.insert(prefix + std::string(stem));
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : " ") + t;
    return out;
}

struct Row {
    std::string query;
    std::string matching;        // terms that decide what matches (sorted, space-separated)
    std::string refining;        // terms that only refine the ranking
    std::string corrected = "";  // the spelling-corrected query, "" for none
    std::string described = "";  // the query's description contains this
    std::string not_described = "";  // ... and not this
};

void check_rows(const std::vector<Row>& rows, const RankingSettings& settings = {}) {
    test::TempDir dir;
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, settings);
    for (const Row& row : rows) {
        const BuiltQuery built = builder.build(row.query, true, true);
        const Parts parts = parts_of(built.query);
        const std::string description = built.query.get_description();
        INFO("query: " << row.query << "\nbuilt: " << description);
        if (row.matching != "*") CHECK(parts.matching == row.matching);
        if (row.refining != "*") CHECK(parts.refining == row.refining);
        CHECK(built.corrected == row.corrected);
        if (!row.described.empty()) CHECK(description.find(row.described) != std::string::npos);
        if (!row.not_described.empty()) CHECK(description.find(row.not_described) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("A wildcard is expanded as typed, never spelling-corrected", "[searcher][query][spelling]") {
    // "diabet" and "parkins" are no words of the index, but close to
    // "diabeta" and "parking", which are.
    check_rows({
        {"diabet*", "*", "", "", "WILDCARD OR diabet", "diabeta"},
        {"parkins*", "*", "", "", "WILDCARD OR parkins", "parking"},
        {"title:diabet*", "*", "", "", "WILDCARD SYNONYM Sdiabet", "diabeta"},
        // The other words of the query are still corrected.
        {"diabet* vacine", "*", "*", "diabet* vaccine", "WILDCARD OR diabet", "diabeta"},
    });
}

TEST_CASE("A query of one to three words matches every answer with its words in any field", "[searcher][query][ranking]") {
    // "atrophy", "disease", "symptoms" and "treatment" are in 600-700 of the
    // 1,738 answers' text (common: over the 500-answer floor) but in 10 or
    // fewer titles: judged per field, the title term alone decided.
    check_rows({
        {"atrophy", fields({"atrophi"}), ""},
        {"disease", fields({"diseas"}), ""},
        {"treatment", fields({"treatment"}), ""},
        {"disease symptoms", fields({"diseas", "symptom"}), ""},
        {"symptoms of the disease atrophy", fields({"diseas", "symptom", "atrophi"}), ""},
        // Three words, one rare: still every answer with any of them.
        {"disease atrophy glaucoma", fields({"diseas", "atrophi", "glaucoma"}), ""},
    });
}

TEST_CASE("In a longer query a common word refines in every field, and common words alone match", "[searcher][query][ranking]") {
    check_rows({
        // A rare word decides; every term of the common words refines, their
        // rare title terms too.
        {"disease symptoms treatment glaucoma", fields({"glaucoma"}), fields({"diseas", "symptom", "treatment"})},
        // Only common words: they match as usual.
        {"disease symptoms treatment atrophy", fields({"diseas", "symptom", "treatment", "atrophi"}), ""},
        // A word in no answer decides nothing: the common words match.
        {"disease symptoms treatment zzqxv", fields({"diseas", "symptom", "treatment", "zzqxv"}), ""},
    });
    // The same for a question the query language parses (an OR at the top).
    check_rows({
        {"(disease) symptoms treatment glaucoma", "*", fields({"diseas", "symptom", "treatment"})},
        {"(disease) symptoms treatment atrophy", "*", ""},
        {"(atrophy) disease", "*", ""},
    });
}

TEST_CASE("Spelling replaces a word the index lacks only when it is no real word", "[searcher][query][spelling]") {
    test::TempDir words;
    // A word list as Debian's wamerican writes it: one word a line, any case.
    test::write_file(words / "words", "Allowable\nantibiotics\ndiarrhea\nexcursion\nvaccine\nwarehouse\nwarehouse's\n");
    test::ScopedEnv dictionary("QADEX_DICTIONARY", (words / "words").string());
    test::ScopedEnv medical("QADEX_MEDICAL_DICTIONARY", (words / "no-such-file").string());
    check_rows({
        // Real words the corpus lacks stay as typed (the index has "waterhouse").
        {"warehouse", fields({"warehous"}), "", ""},
        {"allowable", "*", "", ""},
        {"excursion", "*", "", ""},
        // Misspellings of words the corpus knows are still replaced.
        {"diahrrea", fields({"diarrhea"}), "", "diarrhea"},
        {"vacine", fields({"vaccin"}), "", "vaccine"},
        {"warehouse diahrrea", "*", "", "warehouse diarrhea"},
    });
}

TEST_CASE("A word of the medical list is never corrected, a misspelling of one still is", "[searcher][query][spelling]") {
    test::TempDir dir;
    test::write_file(dir / "words", "rash\n");
    // As hunspell-en-med writes it: a count, then words with affix flags.
    test::write_file(dir / "medical.dic", "2\namoxicillin/M\nampicillin\n");
    test::ScopedEnv dictionary("QADEX_DICTIONARY", (dir / "words").string());
    test::ScopedEnv medical("QADEX_MEDICAL_DICTIONARY", (dir / "medical.dic").string());
    std::vector<Thread> threads;
    for (const char* n : {"a", "b", "c"}) threads.push_back(test::make_thread(n, n, {"ampicillin and a rash"}));
    const Xapian::Database db(test::write_index(dir, threads));
    QueryBuilder builder(db, {});
    CHECK(builder.build("amoxicillin rash", true, true).corrected.empty());  // not the index's "ampicillin"
    CHECK(builder.build("ampicilin rash", true, true).corrected == "ampicillin rash");
    RankingSettings off;
    off.medical_words = false;
    CHECK(QueryBuilder(db, off).build("amoxicillin rash", true, true).corrected == "ampicillin rash");
    // Without the list (it is optional): corrected, with no notice.
    test::ScopedEnv no_medical("QADEX_MEDICAL_DICTIONARY", (dir / "no-such-file").string());
    const BuiltQuery without = QueryBuilder(db, {}).build("amoxicillin rash", true, true);
    CHECK(without.corrected == "ampicillin rash");
    CHECK(without.notices.empty());
}

TEST_CASE("Without the word list, spelling corrects as before and says so", "[searcher][query][spelling]") {
    test::TempDir dir;
    test::ScopedEnv dictionary("QADEX_DICTIONARY", (dir / "no-such-file").string());
    test::ScopedEnv medical("QADEX_MEDICAL_DICTIONARY", (dir / "no-such-file").string());
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, {});
    const BuiltQuery built = builder.build("warehouse", true, true);
    CHECK(built.corrected == "waterhouse");
    REQUIRE(built.notices.size() == 1);
    CHECK(built.notices[0].find("no English word list") != std::string::npos);
    // Words the index knows need no list, and no notice.
    CHECK(builder.build("glaucoma", true, true).notices.empty());
}

TEST_CASE("The word list knows a word in lower case, Capitalised or upper case", "[searcher][spelling]") {
    test::TempDir dir;
    test::write_file(dir / "words", "Aaron\nAIDS\naardvark\nparis\nParis\nWYSIWYG\nzygote\nzygote's");
    WordList words;
    REQUIRE(words.load((dir / "words").string()));
    for (const char* w : {"aaron", "aids", "aardvark", "paris", "wysiwyg", "zygote", "zygote's"}) {
        INFO(w);
        CHECK(words.contains(w));
    }
    for (const char* w : {"aaro", "aron", "ids", "ardvark", "zygot", "zygotes", "pari", "s", ""}) {
        INFO(w);
        CHECK_FALSE(words.contains(w));
    }
    CHECK_FALSE(WordList().contains("paris"));
    CHECK_FALSE(words.load((dir / "none").string()));
    CHECK_FALSE(words.loaded());
}

TEST_CASE("Words joined by a slash are looked up one by one, never corrected as one word", "[searcher][query][spelling]") {
    // "hiv/aids" is two words to the query parser; as one unknown "word" it
    // was replaced by the index's "hivaids" (one edit away), which found the
    // two answers that spell it so instead of the many that say HIV or AIDS.
    test::TempDir dir;
    const Xapian::Database db(test::write_index(
        dir, {test::make_thread("joined", "Hivaids leaflet", {"The hivaids leaflet is printed."}),
              test::make_thread("hiv", "Living with HIV", {"HIV treatment keeps the virus low."}),
              test::make_thread("aids", "AIDS care", {"AIDS can be prevented."})}));
    QueryBuilder builder(db, {});
    // Nor joined by a hyphen: "heart-attack" became the index's "heartattack".
    CHECK(builder.build("hiv-aids", true, true).corrected.empty());
    for (const char* query : {"hiv/aids", "symptoms of hiv/aids"}) {
        INFO(query);
        const BuiltQuery built = builder.build(query, true, true);
        CHECK(built.corrected.empty());
        const std::string description = built.query.get_description();
        CHECK(description.find("Zhiv") != std::string::npos);
        CHECK(description.find("Zaid") != std::string::npos);
        CHECK(description.find("hivaid") == std::string::npos);
    }
}

TEST_CASE("A comparison word does not decide what a question matches", "[searcher][query]") {
    // Every other word of "type 1 vs type 2 diabetes" is common in this
    // index; as its one rare word, "vs" alone decided what matched and found
    // an article about frozen foods.
    test::TempDir dir;
    std::vector<Thread> threads;
    for (int i = 0; i < 40; ++i) {
        std::string id = "t";
        id += std::to_string(i);
        const std::string title = i % 2 ? "Type 1 diabetes" : "Type 2 diabetes";
        threads.push_back(test::make_thread(id, title, {"Diabetes of type 1 and type 2 is treated by diet and insulin."}));
    }
    threads.push_back(test::make_thread("foods", "Fresh vs frozen foods", {"Frozen vs fresh vegetables."}));
    const Xapian::Database db(test::write_index(dir, threads));
    QueryBuilder builder(db, {});
    const std::string description = builder.build("type 1 vs type 2 diabetes", true, true).query.get_description();
    CHECK(description.find("vs") == std::string::npos);
    CHECK(description.find("diabet") != std::string::npos);
}

TEST_CASE("A word typed in capitals is searched unstemmed, unless the question shouts", "[searcher][query]") {
    // Stemmed, "ALS" was "al" and found AL amyloidosis first; "AIDS" was "aid".
    test::TempDir dir;
    const Xapian::Database db(test::write_index(
        dir, {test::make_thread("als", "ALS and its course", {"ALS, or amyotrophic lateral sclerosis, weakens muscles."}),
              test::make_thread("al", "AL amyloidosis", {"AL amyloidosis is a plasma cell disorder; the Al protein."}),
              test::make_thread("aid", "First aid for burns", {"Cool the burn with water as first aid."})}));
    QueryBuilder builder(db, {});
    const auto description = [&](const std::string& query) { return builder.build(query, true, true).query.get_description(); };
    for (const char* query : {"ALS", "what is ALS", "AIDS symptoms"}) {
        INFO(query);
        const std::string d = description(query);
        CHECK(d.find("Zal@") == std::string::npos);
        CHECK(d.find("Zaid@") == std::string::npos);
    }
    CHECK(description("ALS").find("als@1") != std::string::npos);
    CHECK(description("AIDS symptoms").find("aids@1") != std::string::npos);
    // Lower case, or a question in capitals: words, stemmed as usual.
    CHECK(description("als").find("Zal@1") != std::string::npos);
    CHECK(description("WHAT CAUSES ALS IN ADULTS").find("Zal@") != std::string::npos);
    // Off: --ranking acronyms=0.
    RankingSettings off;
    off.acronyms = false;
    QueryBuilder stemmed(db, off);
    CHECK(stemmed.build("ALS", true, true).query.get_description().find("Zal@1") != std::string::npos);
}

TEST_CASE("A word in an answer or two is corrected when its correction is far more common - never when typed in capitals",
          "[searcher][query][spelling]") {
    test::TempDir dir;
    test::write_file(dir / "words", "symptoms\nsum\n");  // neither typo is an English word
    test::ScopedEnv dictionary("QADEX_DICTIONARY", (dir / "words").string());
    test::ScopedEnv medical("QADEX_MEDICAL_DICTIONARY", (dir / "no-such-file").string());
    // "symptoms" and "sum" in 30 answers; the typo "symtoms", and "sym" (as an
    // acronym might be), in one each; "sympton" in three.
    std::vector<Thread> threads;
    for (const char* n : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
                          "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa", "bb", "cc", "dd"})
        threads.push_back(test::make_thread(n, n, {"the symptoms and the sum"}));
    threads.push_back(test::make_thread("typo", "A typo", {"these symtoms are a sym report"}));
    for (const char* n : {"s1", "s2", "s3"}) threads.push_back(test::make_thread(n, n, {"a sympton"}));
    const Xapian::Database db(test::write_index(dir, threads));
    RankingSettings settings;
    settings.popular_correction_ratio = 20;  // 30 answers against 1
    QueryBuilder builder(db, settings);
    CHECK(builder.build("symtoms", true, true).corrected == "symptoms");
    CHECK(builder.build("sym", true, true).corrected == "sum");
    CHECK(builder.build("SYM", true, true).corrected.empty());      // an acronym, as typed
    CHECK(builder.build("sympton", true, true).corrected.empty());  // in three answers: a word of the index
    settings.popular_correction_ratio = 40;  // 30 against 1 is not common enough
    CHECK(QueryBuilder(db, settings).build("symtoms", true, true).corrected.empty());
    settings.popular_correction_ratio = 20;
    settings.popular_correction_max_answers = 0;  // the rule off
    CHECK(QueryBuilder(db, settings).build("symtoms", true, true).corrected.empty());
}

TEST_CASE("A question written out keeps its upper-case AND, OR and NOT as words", "[searcher][query]") {
    // A consumer's "DOES NOT" excluded every word after it.
    test::TempDir dir;
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, {});
    const BuiltQuery prose = builder.build(
        "PLEASE HELP my father has glaucoma and the eye doctor DOES NOT know if it causes atrophy", false, false);
    const std::string described = prose.query.get_description();
    INFO(described);
    CHECK(prose.notices.empty());
    CHECK(described.find("AND_NOT") == std::string::npos);
    CHECK(described.find("atrophi") != std::string::npos);
    CHECK(described.find("glaucoma") != std::string::npos);
    // A query keeps the query language.
    CHECK(builder.build("glaucoma NOT atrophy", false, false).query.get_description().find("AND_NOT") !=
          std::string::npos);
}

TEST_CASE("Two dots in a question are punctuation: no syntax error is reported for them", "[searcher][query]") {
    // "it hurts.. glaucoma" said "query syntax error (Unknown range operation)".
    test::TempDir dir;
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, {});
    for (const char* query : {"it hurts.. glaucoma atrophy", "\"optic nerve\" glaucoma.. atrophy"}) {
        INFO(query);
        const BuiltQuery built = builder.build(query, false, false);
        CHECK(built.notices.empty());
        CHECK(built.query.get_description().find("atrophi") != std::string::npos);
    }
}

TEST_CASE("NOT word, or only -words, match every answer without those words", "[searcher][query]") {
    // libxapian's parser called "NOT glaucoma" a syntax error and searched
    // "-glaucoma" as "glaucoma": the answers asked not to be shown.
    test::TempDir dir;
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, {});
    auto matches = [&](const Xapian::Query& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        return enquire.get_mset(0, db.get_doccount()).size();
    };
    const auto with = matches(builder.build("glaucoma", false, false).matching);
    REQUIRE(with > 0);
    REQUIRE(with < db.get_doccount());
    for (const char* query : {"NOT glaucoma", "-glaucoma"}) {
        INFO(query);
        const BuiltQuery built = builder.build(query, false, false);
        CHECK(built.notices.empty());
        CHECK(built.query.get_description().find("<alldocuments> AND_NOT") != std::string::npos);
        CHECK(matches(built.query) == db.get_doccount() - with);
    }
    const auto neither = matches(builder.build("-glaucoma -atrophy", false, false).query);
    CHECK(neither < db.get_doccount() - with);
    CHECK(neither + matches(builder.build("glaucoma atrophy", false, false).matching) == db.get_doccount());
}

TEST_CASE("NEAR and ADJ stay operators with words typed around them", "[searcher][query]") {
    // libxapian 1.4 searched these as words, "near" among them.
    test::TempDir dir;
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, {});
    for (const char* query : {"optic glaucoma NEAR/3 atrophy", "glaucoma NEAR/3 atrophy optic", "optic glaucoma ADJ atrophy"}) {
        INFO(query);
        const BuiltQuery built = builder.build(query, false, false);
        const std::string description = built.query.get_description();
        INFO(description);
        CHECK(built.notices.empty());
        CHECK((description.find(" NEAR 4 ") != std::string::npos || description.find(" PHRASE 11 ") != std::string::npos));
        CHECK(description.find("near@") == std::string::npos);
        CHECK(description.find("adj@") == std::string::npos);
        CHECK(description.find("optic") != std::string::npos);
    }
    // A "-" before the chain excludes the chain.
    const std::string excluded = builder.build("-glaucoma ADJ atrophy optic", false, false).query.get_description();
    INFO(excluded);
    CHECK(excluded.find("AND_NOT ((glaucoma@1 PHRASE 11 atrophy@2)") != std::string::npos);
    // Shapes around chains that the parser leaked on before they were
    // bracketed: the sanitizer pass's leak check fails if one still leaks.
    for (const char* query : {"-s ADJ p r", "-s NEAR p r", "-s ADJ/3 p r", "-s ADJ p-r", "(-s ADJ p r)", "-s ADJ p ADJ q r",
                              "-s NEAR/2 p NEAR q r", "x OR -s ADJ p r", "x AND -s NEAR p r", "-glaucoma NEAR optic-nerve",
                              "-\xc3\xa9t\xc3\xa9 NEAR x y", "-\xc3\xa9t\xc3\xa9\vNEAR x y", "(a NEAR b-c) x", "a NEAR b*"}) {
        INFO(query);
        CHECK_FALSE(builder.build(query, false, false).query.empty());
    }
}

TEST_CASE("NEAR/n or ADJ/n right after a boolean operator, or NEAR or ADJ right after a -word, is a syntax error, "
          "never handed to Xapian's parser",
          "[searcher][query]") {
    // Found by fuzz_query: libxapian 1.4.22's QueryParser leaks 96 bytes on
    // each of these; the sanitizer pass's leak check fails if one reaches it.
    test::TempDir dir;
    const Xapian::Database db(test::write_index(dir, test::ranking_corpus()));
    QueryBuilder builder(db, {});
    for (const char* query : {"glaucoma AND NEAR/3 atrophy", "AND ADJ/1", "glaucoma NOT -ADJ/2 x",
                              "glaucoma XOR NEAR/3 )", "glaucoma OR\tNEAR/99", "rat NOT\t\v\tNEAR/3 x",
                              "-s\x01" "ADJ p r"}) {
        INFO(query);
        const BuiltQuery built = builder.build(query, false, false);
        REQUIRE_FALSE(built.notices.empty());
        CHECK(built.notices[0].find("NEAR or ADJ right after AND, OR, NOT or XOR, or right after a -word") !=
              std::string::npos);
    }
    // Where Xapian parses them without leaking, they are the query language's as before.
    for (const char* query : {"glaucoma NEAR/3 atrophy", "glaucoma BAND NEAR/3 atrophy", "glaucoma AND NEAR/x",
                              "glaucoma -optic ADJACENT nerve", "glaucoma NEAR -optic nerve", "x-glaucoma NEAR a b"}) {
        INFO(query);
        CHECK(builder.build(query, false, false).notices.empty());
    }
}
