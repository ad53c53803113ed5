// End to end on the real MedQuAD corpus in ../shared (skipped when absent).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "test_support.hpp"

using namespace qadex;

TEST_CASE("All 17,908 MedQuAD threads index with no error and are found by search", "[e2e][medquad]") {
    auto corpus = test::shared_dir() / "corpora" / "medquad.jsonl.gz";
    if (!std::filesystem::exists(corpus)) QADEX_SKIP("no " + corpus.string());
    test::TempDir dir;
    auto db = (dir / "db").string();
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", "--stats", corpus.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("answers: 17908\nthreads: 17908\n") != std::string::npos);

    auto s = test::run_process({test::search_tool(), "--db", db, "--format", "json", "noonan syndrome heart problems"});
    REQUIRE(s.exit_code == 0);
    auto j = nlohmann::json::parse(s.out);
    REQUIRE(j["results"].size() == 10);
    // The top answers are about the syndrome the question names; nearly all mention it.
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(j["results"][i]["title"].get<std::string>().find("Noonan") != std::string::npos);
    int mentioning = 0;
    for (const auto& hit : j["results"]) {
        std::string text = hit["title"].get<std::string>() + " " + hit["snippet_html"].get<std::string>();
        mentioning += text.find("Noonan") != std::string::npos;
    }
    CHECK(mentioning >= 8);

    auto top = [&](const std::string& query) {
        auto r = test::run_process({test::search_tool(), "--db", db, "--format", "json", query});
        REQUIRE(r.exit_code == 0);
        auto j = nlohmann::json::parse(r.out);
        REQUIRE_FALSE(j["results"].empty());
        return j;
    };
    // The kind of question picks the answer of that kind about the right topic.
    auto causes = top("what causes noonan syndrome")["results"][0];
    CHECK(causes["category"] == "causes");
    CHECK(causes["title"].get<std::string>().find("Noonan") != std::string::npos);
    auto treatment = top("how is shingles treated")["results"][0];
    CHECK(treatment["category"] == "treatment");
    CHECK(treatment["title"].get<std::string>().find("Shingles") != std::string::npos);
    // A misspelt disease name is corrected and searched.
    auto corrected = top("diahrrea after antibiotics");
    CHECK(corrected["corrected_query"] == "diarrhea after antibiotics");
    CHECK(corrected["results"][0]["title"].get<std::string>().find("iarrhea") != std::string::npos);
}

namespace {

// Answers with any of `terms`, counted by Xapian directly: the oracle for
// the searcher's totals.
Xapian::doccount answers_with_any(const std::string& db_path, const std::vector<std::string>& terms) {
    Xapian::Database db(db_path);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    const Xapian::MSet all = enquire.get_mset(0, 0, db.get_doccount());
    REQUIRE(all.get_matches_lower_bound() == all.get_matches_upper_bound());
    return all.get_matches_lower_bound();
}

std::vector<std::string> in_every_field(const std::string& stem) {
    return {"Z" + stem, "ZS" + stem, "ZXQ" + stem, "ZK" + stem};
}

}  // namespace

TEST_CASE("On MedQuAD short queries, wildcards, spelling, parses and counts behave", "[e2e][medquad][ranking]") {
    auto corpus = test::shared_dir() / "corpora" / "medquad.jsonl.gz";
    if (!std::filesystem::exists(corpus)) QADEX_SKIP("no " + corpus.string());
    test::TempDir dir;
    auto db = (dir / "db").string();
    auto indexed = test::run_process({test::index_tool(), "--db", db, "--quiet", corpus.string()});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    auto json = [&](std::vector<std::string> args) {
        std::vector<std::string> argv{test::search_tool(), "--db", db, "--format", "json"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = test::run_process(argv);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out);
    };

    // One word finds every answer that has it in any field: 750 for
    // "atrophy" (223 before, those with it in a title or tag), exactly
    // counted, the same on every page.
    const auto atrophy = answers_with_any(db, in_every_field("atrophi"));
    CHECK(atrophy >= 700);
    for (const auto& [per_page, page] : std::vector<std::pair<std::string, std::string>>{{"10", "1"}, {"7", "3"}, {"50", "2"}}) {
        auto j = json({"--all-answers", "--per-page", per_page, "--page", page, "atrophy"});
        INFO(per_page << " per page, page " << page);
        CHECK(j["total_estimate"] == atrophy);
        CHECK(j["total_exact"] == true);
    }
    // Common words alone match (quest finds "disease" in 6,726 answers' text;
    // it found nothing, "disease symptoms" 7 and "treatment" about 30).
    for (const auto& [query, stems] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"disease", {"diseas"}}, {"disease symptoms", {"diseas", "symptom"}}, {"treatment", {"treatment"}}}) {
        std::vector<std::string> terms;
        for (const auto& stem : stems)
            for (const auto& t : in_every_field(stem)) terms.push_back(t);
        auto j = json({"--all-answers", "--facets", query});
        INFO(query);
        CHECK(j["total_exact"] == true);
        CHECK(j["total_estimate"] == answers_with_any(db, terms));
    }
    CHECK(json({"--all-answers", "--facets", "disease"})["total_estimate"].get<int>() >= 6726);
    // A wildcard is expanded as typed, not corrected into "diabeta*" (3 answers).
    auto diabet = json({"--all-answers", "--facets", "diabet*"});
    CHECK(diabet["corrected_query"].is_null());
    CHECK(diabet["total_estimate"].get<int>() >= 1000);
    // Real words the corpus lacks are not "corrected" into other words.
    if (std::filesystem::exists("/usr/share/dict/american-english")) {
        for (const char* word : {"warehouse", "excursion", "allowable"}) {
            INFO(word);
            CHECK(json({word})["corrected_query"].is_null());
        }
    }
    // Nor are drug names and medical words wamerican lacks (hunspell-en-med):
    // they were "ampicillin", "chem", "homolog" and "tornado".
    if (std::filesystem::exists("/usr/share/hunspell/en_med_glut.dic")) {
        for (const char* words : {"amoxicillin rash", "chemo side effects", "humalog dose", "toradol"}) {
            INFO(words);
            CHECK(json({words})["corrected_query"].is_null());
        }
    }
    CHECK(json({"diahrrea"})["corrected_query"] == "diarrhea");
    CHECK(json({"vacine"})["corrected_query"] == "vaccine");
    // A typo that one answer holds ("symtoms"; "wat", a tag's acronym WAT)
    // is corrected into the word thousands hold; typed in capitals, not.
    CHECK(json({"symtoms"})["corrected_query"] == "symptoms");
    auto lyme = json({"wat r the sympoms of lyme diseese"});
    CHECK(lyme["corrected_query"] == "what r the symptoms of lyme disease");
    for (const auto& r : lyme["results"]) CHECK(r["title"].get<std::string>().find("Wolffian") == std::string::npos);
    CHECK(json({"WAT"})["corrected_query"].is_null());
    // A parse that finds nothing is searched as words, and says so.
    auto unbalanced = json({"\"unbalanced (AND OR NOT kidney"});
    REQUIRE_FALSE(unbalanced["results"].empty());
    CHECK(unbalanced["notices"].dump().find("searched as plain words") != std::string::npos);
    // "diagnosed" is a cue of the exams and tests kind, as "diagnose" is.
    CHECK(json({"how is kidney disease diagnosed"})["results"][0]["category"] == "exams and tests");
}
