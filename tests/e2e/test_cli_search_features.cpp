// qadex-search's query understanding and machine formats: spelling,
// synonyms, --explain, --batch with TREC and JSON output, question types.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "search_support.hpp"

using namespace qadex;
using json = nlohmann::json;
using test::corpus_db;
using test::search;
using test::search_json;

namespace {

const std::set<std::string> botox_atrophy_threads{"page-botox-forehead-atrophy-veins", "thr-botox-atrophy-long-term",
                                                  "thr-botox-permanent-atrophy-after-stopping"};

std::string thread_line(const std::string& id, const std::string& title, const std::string& body,
                        const std::string& category = "") {
    json j = {{"id", id}, {"title", title}, {"category", category},
              {"answers", json::array({{{"id", id + "-a1"}, {"body", body}}})}};
    return j.dump() + "\n";
}

// Indexes `threads` (JSON Lines), with `synonyms` as a synonyms file when
// given, into a database in `dir`; returns its path.
std::string index_threads(const test::TempDir& dir, const std::string& threads, const std::string& synonyms = "") {
    const auto input = (dir / "t.jsonl").string();
    const auto synonyms_file = (dir / "synonyms.txt").string();
    const auto db = (dir / "db").string();
    test::write_file(input, threads);
    std::vector<std::string> argv{test::index_tool(), "--db", db};
    if (!synonyms.empty()) {
        test::write_file(synonyms_file, synonyms);
        argv.insert(argv.end(), {"--synonyms", synonyms_file});
    }
    argv.push_back(input);
    REQUIRE(test::run_process(argv).exit_code == 0);
    return db;
}

}  // namespace

TEST_CASE("A misspelt word is corrected, searched, and the output says so", "[cli][searcher][spelling]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"does botox cause atrofy"});
    CHECK(j["corrected_query"] == "does botox cause atrophy");
    CHECK(j["auto_corrected"] == true);
    REQUIRE(j["results"].size() >= 3);
    for (int i = 0; i < 3; ++i) CHECK(botox_atrophy_threads.count(j["results"][i]["thread_id"].get<std::string>()) == 1);

    auto text = search(db, {"botox atrofy"});
    CHECK(text.out.find("Showing answers for \"botox atrophy\" (spelling corrected)") != std::string::npos);

    auto plain = search_json(db, {"--no-spelling", "does botox cause atrofy"});
    CHECK(plain["corrected_query"].is_null());
    CHECK(plain["auto_corrected"] == false);

    // A word the index knows is never "corrected" into a more frequent neighbour.
    CHECK(search_json(db, {"botox cost"})["corrected_query"].is_null());
}

TEST_CASE("A query of misspelt words alone finds answers through its correction", "[cli][searcher][spelling]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"sculptra noduls"});
    CHECK(j["corrected_query"] == "sculptra nodules");
    REQUIRE_FALSE(j["results"].empty());
    CHECK(j["results"][0]["thread_id"] == "page-sculptra-nodules");
}

TEST_CASE("Synonyms find answers that use another name, unless turned off", "[cli][searcher][synonyms]") {
    test::TempDir dir;
    auto db = index_threads(dir,
                            thread_line("mi", "Chest pain after a myocardial infarction", "Cardiac rehabilitation helps.") +
                                thread_line("knee", "Knee pain when running", "Rest and strengthen the quadriceps.") +
                                thread_line("skin", "Dry skin in winter", "Use a thick moisturiser."),
                            "heart attack, myocardial infarction\n");

    auto j = search_json(db, {"--explain", "pain after a heart attack"});
    REQUIRE_FALSE(j["results"].empty());
    CHECK(j["results"][0]["thread_id"] == "mi");
    bool synonym_explained = false;
    for (const auto& part : j["results"][0]["explanation"])
        synonym_explained |= part["term"].get<std::string>().find("heart attack | myocardial infarction") != std::string::npos;
    CHECK(synonym_explained);

    // Without synonyms "heart attack" matches nothing; "pain" still finds both pain threads equally.
    auto off = search_json(db, {"--no-synonyms", "heart attack"});
    CHECK(off["results"].empty());
}

TEST_CASE("Synonyms that contain the words typed are left out", "[cli][searcher][synonyms]") {
    test::TempDir dir;
    // The subtype names contain "charcot-marie-tooth disease": every answer
    // they find, the words typed find too.
    auto db = index_threads(
        dir,
        thread_line("cmt", "Charcot-Marie-Tooth disease type 1A", "A hereditary neuropathy.") +
            thread_line("hmsn", "Hereditary motor and sensory neuropathy", "Weak feet.") +
            thread_line("skin", "Dry skin in winter", "Use a thick moisturiser."),
        "charcot-marie-tooth disease, charcot-marie-tooth disease type 1a, "
        "autosomal dominant charcot-marie-tooth disease type 2, hereditary motor and sensory neuropathy\n");

    auto j = search_json(db, {"charcot-marie-tooth disease"});
    const std::string interpreted = j["interpreted_query"];
    CHECK(interpreted.find("hereditary") != std::string::npos);  // a real other name stays
    CHECK(interpreted.find("1a") == std::string::npos);
    CHECK(interpreted.find("autosomal") == std::string::npos);
    std::set<std::string> threads;
    for (const auto& r : j["results"]) threads.insert(r["thread_id"]);
    CHECK(threads == std::set<std::string>{"cmt", "hmsn"});
}

TEST_CASE("Explain lists each matched part with weights that add up to the score", "[cli][searcher][explain]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = search_json(db, {"--explain", "what causes muscle atrophy after botox"});
    REQUIRE_FALSE(j["results"].empty());
    for (const auto& r : j["results"]) {
        double sum = 0;
        std::set<std::string> fields;
        for (const auto& part : r["explanation"]) {
            sum += part["weight"].get<double>();
            fields.insert(part["field"].get<std::string>());
        }
        INFO(r["answer_id"]);
        CHECK(std::abs(sum - r["score"].get<double>()) < 0.01);
        CHECK(fields.count("title") + fields.count("body") + fields.count("tag") >= 1);
    }
    // The text form has a "why:" line per result.
    auto text = search(db, {"--explain", "botox atrophy"});
    CHECK(text.out.find("   why: ") != std::string::npos);
}

TEST_CASE("The kind of question favours answers of that category", "[cli][searcher][ranking]") {
    test::TempDir dir;
    // Same words, different categories: only the question type can order them.
    auto db = index_threads(dir, thread_line("c", "Psoriasis", "Psoriasis plaques on the elbows.", "causes") +
                                     thread_line("t", "Psoriasis", "Psoriasis plaques on the elbows.", "treatment") +
                                     thread_line("x", "Eczema", "Itchy patches.", "information"));
    CHECK(search_json(db, {"how is psoriasis treated"})["results"][0]["thread_id"] == "t");
    CHECK(search_json(db, {"what causes psoriasis"})["results"][0]["thread_id"] == "c");
    auto j = search_json(db, {"--explain", "what causes psoriasis"});
    bool boost = false;
    for (const auto& part : j["results"][0]["explanation"])
        boost |= part["field"] == "boost" && part["term"] == "category=causes";
    CHECK(boost);
}

TEST_CASE("Common words only rank answers that a rarer word found", "[cli][searcher][ranking]") {
    test::TempDir dir;
    auto db = test::corpus_db(dir);
    auto with = [&](std::vector<std::string> extra, const std::string& query) {
        // Proximity (rule 12) adds an AND_MAYBE of its own: off, so the
        // interpreted query shows this rule's alone.
        std::vector<std::string> args{"--all-answers", "--per-page", "100", "--ranking", "proximity=0"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(query);
        return search_json(db, args);
    };
    // With the floor off and a 10% share, "botox", "atrophy" and "forehead"
    // are common (in 11-46 of the 121 answers), "veins" (4) is not.
    const std::vector<std::string> low{"--ranking", "common=0.1", "--ranking", "common_min=0"};
    const std::string question = "botox atrophy forehead veins";
    // The sample corpus is far below the 500-answer floor: nothing is common.
    auto plain = with({}, question);
    CHECK(plain["interpreted_query"].get<std::string>().find("AND_MAYBE") == std::string::npos);

    // Only answers with "veins" match, and the first ones are unchanged.
    auto split = with(low, question);
    CHECK(split["interpreted_query"].get<std::string>().find("AND_MAYBE") != std::string::npos);
    REQUIRE(split["results"].size() > 3);
    CHECK(split["total_estimate"].get<int>() < plain["total_estimate"].get<int>());
    for (std::size_t i = 0; i < 3; ++i) CHECK(split["results"][i]["answer_id"] == plain["results"][i]["answer_id"]);
    // A query of up to three words is never split: it finds every answer
    // with one of its words, common or not.
    auto short_low = with(low, "botox atrophy");
    CHECK(short_low["interpreted_query"].get<std::string>().find("AND_MAYBE") == std::string::npos);
    CHECK(short_low["total_estimate"] == with({}, "botox atrophy")["total_estimate"]);
    // Common words alone match as usual.
    auto all_common = with(low, "botox atrophy forehead filler");
    CHECK(all_common["interpreted_query"].get<std::string>().find("AND_MAYBE") == std::string::npos);
    CHECK(all_common["total_estimate"] == with({}, "botox atrophy forehead filler")["total_estimate"]);
    // The same for a question the query language parses ("(botox)"): an OR
    // at the top, so its common terms refine too; an AND is left alone.
    auto parsed = with(low, "(botox) atrophy forehead veins");
    CHECK(parsed["interpreted_query"].get<std::string>().find("AND_MAYBE") != std::string::npos);
    auto both = with(low, "botox AND atrophy AND forehead AND veins");
    CHECK(both["interpreted_query"].get<std::string>().find("AND_MAYBE") == std::string::npos);

    // A common word refines in every field (judged once, by its most
    // frequent one): each answer found has "veins" somewhere.
    std::vector<std::string> explain = low;
    explain.push_back("--explain");
    const auto explained = with(explain, question);
    for (const auto& r : explained["results"]) {
        bool rare_match = false;
        for (const auto& part : r["explanation"]) {
            const std::string term = part["term"];
            rare_match |= term == "Zvein" || term == "ZSvein" || term == "ZXQvein" || term == "ZKvein";
        }
        INFO(r["answer_id"]);
        CHECK(rare_match);
    }
}

TEST_CASE("In a long question only the rarest words decide what matches", "[cli][searcher][ranking]") {
    test::TempDir dir;
    // "keloid" is in one answer, "scar" in three, "itchy" and "patch" in four.
    auto db = index_threads(dir, thread_line("k", "Keloid scar", "An itchy keloid patch.") +
                                     thread_line("s1", "Scar care", "An itchy scar patch.") +
                                     thread_line("s2", "Old scar", "The scar patch is itchy.") +
                                     thread_line("i1", "Itchy skin", "Dry and itchy patch."));
    auto ids = [&](std::vector<std::string> args) {
        std::vector<std::string> all{"--all-answers"};  // four answers: no word is common
        all.insert(all.end(), args.begin(), args.end());
        std::set<std::string> found;
        const auto j = search_json(db, all);  // kept: a range-for does not extend a temporary's member
        for (const auto& r : j["results"]) found.insert(r["thread_id"].get<std::string>());
        return found;
    };
    CHECK(ids({"itchy keloid scar patch"}) == std::set<std::string>{"k", "s1", "s2", "i1"});
    // Two deciding words: "keloid" and "scar"; "itchy" and "patch" only refine.
    CHECK(ids({"--ranking", "deciding=2", "itchy keloid scar patch"}) == std::set<std::string>{"k", "s1", "s2"});
    CHECK(ids({"--ranking", "deciding=1", "itchy keloid scar patch"}) == std::set<std::string>{"k"});
    // The same for a question the query language parses.
    CHECK(ids({"--ranking", "deciding=1", "(itchy) keloid scar patch"}) == std::set<std::string>{"k"});
    // As many words as deciding ones: nothing changes.
    CHECK(ids({"--ranking", "deciding=4", "itchy keloid scar patch"}) == std::set<std::string>{"k", "s1", "s2", "i1"});
    // A query of three words is never cut.
    CHECK(ids({"--ranking", "deciding=1", "itchy keloid scar"}) == std::set<std::string>{"k", "s1", "s2", "i1"});
    // The refining words still rank: the answer with all four comes first.
    auto ranked = search_json(db, {"--all-answers", "--ranking", "deciding=2", "itchy keloid scar patch"});
    REQUIRE_FALSE(ranked["results"].empty());
    CHECK(ranked["results"][0]["thread_id"] == "k");
}

TEST_CASE("Batch mode writes TREC run lines per query and reports bad lines", "[cli][searcher][batch]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    const std::string topics = "# a comment\nq1\tdoes botox cause atrophy\n\nq2\tsculptra nodules\nno tab here\nq3\t   \n";
    auto r = search(db, {"--batch", "-", "--format", "trec", "--per-page", "3", "--all-answers"}, topics);
    CHECK(r.exit_code == 3);
    CHECK(r.err == "qadex-search: <stdin>:5: expected \"qid<TAB>query\"\nqadex-search: <stdin>:6: the query is empty\n");
    std::istringstream lines(r.out);
    std::string qid, q0, doc, tag;
    int rank = 0, count_q1 = 0, count_q2 = 0;
    double score = 0, previous = 1e9;
    while (lines >> qid >> q0 >> doc >> rank >> score >> tag) {
        CHECK(q0 == "Q0");
        CHECK(tag == "qadex");
        if (qid == "q1") {
            ++count_q1;
            CHECK(rank == count_q1);
            CHECK(score <= previous);
            previous = score;
        } else {
            CHECK(qid == "q2");
            ++count_q2;
        }
    }
    CHECK(count_q1 == 3);
    CHECK(count_q2 == 3);
    CHECK(r.out.find("page-sculptra-nodules-a") != std::string::npos);
}

TEST_CASE("Batch mode with JSON writes one valid object per query, with its qid", "[cli][searcher][batch]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto topics = (dir / "topics.tsv").string();
    test::write_file(topics, "a\tbotox atrophy\nb\tbell's palsy recovery\n");
    auto r = search(db, {"--batch", topics, "--format", "json", "-n", "2"});
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line;
    std::vector<std::string> qids;
    while (std::getline(lines, line)) {
        auto j = json::parse(line);
        qids.push_back(j["qid"]);
        CHECK(j["results"].size() == 2);
    }
    CHECK(qids == std::vector<std::string>{"a", "b"});
    auto missing = search(db, {"--batch", (dir / "nope.tsv").string()});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("cannot open batch file") != std::string::npos);
}

TEST_CASE("Hostile bytes in a query still give valid UTF-8 JSON or a clear refusal", "[cli][searcher][robust]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto bad = search(db, {"--format", "json", std::string("botox \xff\xfe atrophy")});
    CHECK(bad.exit_code == 7);
    CHECK(bad.err == "qadex-search: the query is not valid UTF-8\n");
    auto j = search_json(db, {"<script>alert(1)</script> botox \"unclosed"});
    CHECK(j["query"] == "<script>alert(1)</script> botox \"unclosed");
    for (const auto& r : j["results"]) CHECK(r["snippet_html"].get<std::string>().find("<script>") == std::string::npos);
}

TEST_CASE("Dots that look like a range in a plain question never fail the search", "[cli][searcher][robust]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    // Xapian reads "a..b" as a range whatever the parser flags; consumers type "Botox...atrophy".
    // Dots outside a range field are punctuation: searched as words, with no
    // "syntax error" to report.
    auto j = search_json(db, {"Botox...atrophy 1..2 (forehead"});
    REQUIRE_FALSE(j["results"].empty());
    CHECK(botox_atrophy_threads.count(j["results"][0]["thread_id"].get<std::string>()) == 1);
    CHECK(j["notices"].empty());
    // A real range that the parser cannot take still says so.
    j = search_json(db, {"(botox -rating:..4)"});
    REQUIRE(j["notices"].size() == 1);
    CHECK(j["notices"][0].get<std::string>().ends_with("searched as plain words"));
}

TEST_CASE("A range with a sign filters: -range excludes what the range finds, +range keeps only that",
          "[cli][searcher][robust]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    // Every matching answer, as answer id -> rating (0 when unrated).
    auto answers = [&](const std::string& query) {
        const auto j = search_json(db, {"--all-answers", "-n", "100", "--", query});
        CHECK(j["notices"].empty());
        std::map<std::string, double> out;
        for (const auto& r : j["results"])
            out[r["answer_id"].get<std::string>()] = r["rating"].is_null() ? 0.0 : r["rating"].get<double>();
        REQUIRE(out.size() < 100);
        return out;
    };
    const auto botox = answers("botox");
    const auto low = answers("botox rating:..4.5");
    const auto not_low = answers("botox -rating:..4.5");
    REQUIRE_FALSE(low.empty());
    REQUIRE_FALSE(not_low.empty());
    CHECK(low.size() + not_low.size() == botox.size());
    for (const auto& [id, rating] : not_low) {
        INFO(id);
        CHECK(botox.count(id) == 1);
        CHECK(low.count(id) == 0);
        CHECK((rating == 0.0 || rating > 4.5));
    }
    CHECK(answers("botox +rating:..4.5") == low);
    // With only exclusions, each one excludes: no botox answer, no low rating.
    const auto neither = answers("-botox -rating:..4.5");
    REQUIRE_FALSE(neither.empty());
    for (const auto& [id, rating] : neither) {
        INFO(id);
        CHECK(botox.count(id) == 0);
        CHECK((rating == 0.0 || rating > 4.5));
    }
}

TEST_CASE("Sorting by rating or date, and pages that continue the ranking", "[cli][searcher]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto by_rating = search_json(db, {"--all-answers", "-n", "100", "--sort", "rating", "botox"});
    REQUIRE(by_rating["results"].size() >= 10);
    double previous = 6;
    for (const auto& r : by_rating["results"]) {
        if (r["rating"].is_null()) continue;
        CHECK(r["rating"].get<double>() <= previous);
        previous = r["rating"].get<double>();
    }
    auto by_date = search_json(db, {"--all-answers", "-n", "100", "--sort", "date", "botox"});
    std::string newer = "9999-99-99";
    int dated = 0;
    for (const auto& r : by_date["results"]) {
        std::string date = r["date"];
        if (date.empty()) continue;
        ++dated;
        CHECK(date <= newer);
        newer = date;
    }
    CHECK(dated >= 5);

    auto page1 = search_json(db, {"-n", "4", "botox"});
    auto page2 = search_json(db, {"-n", "4", "--page", "2", "botox"});
    REQUIRE(page1["results"].size() == 4);
    REQUIRE(page2["results"].size() == 4);
    std::set<std::string> seen;
    for (int i = 0; i < 4; ++i) {
        CHECK(page1["results"][i]["rank"] == i + 1);
        CHECK(page2["results"][i]["rank"] == i + 5);
        seen.insert(page1["results"][i]["thread_id"].get<std::string>());
        CHECK(seen.count(page2["results"][i]["thread_id"].get<std::string>()) == 0);
    }
    CHECK(page2["page"] == 2);
}

TEST_CASE("The optional quality prior puts the better-rated of equal answers first", "[cli][searcher][ranking]") {
    test::TempDir dir;
    auto rated = [](const std::string& id, double rating) {
        json j = {{"id", id}, {"title", "Rosacea flushing"},
                  {"answers", json::array({{{"id", id + "-a1"}, {"body", "Rosacea flushing and redness."}, {"rating", rating}}})}};
        return j.dump() + "\n";
    };
    auto db = index_threads(dir, rated("low", 1.0) + rated("high", 5.0) + rated("mid", 3.0));
    auto j = search_json(db, {"--ranking", "quality=2", "--explain", "rosacea flushing"});
    REQUIRE(j["results"].size() == 3);
    CHECK(j["results"][0]["thread_id"] == "high");
    CHECK(j["results"][1]["thread_id"] == "mid");
    CHECK(j["results"][2]["thread_id"] == "low");
    bool prior = false;
    for (const auto& part : j["results"][0]["explanation"])
        prior |= part["term"] == "rating" && std::abs(part["weight"].get<double>() - 2.0) < 1e-6;
    CHECK(prior);
    auto bad = search(db, {"--ranking", "quality=-1", "x"});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("Queries that would be costly are cut to documented limits and say so", "[cli][searcher][robust]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    std::string many_wildcards, many_words;
    for (int i = 0; i < 500; ++i) many_wildcards += "b* ";
    for (int i = 0; i < 300; ++i) many_words += "botox ";
    auto w = search_json(db, {many_wildcards});
    REQUIRE(w["notices"].size() == 2);
    CHECK(w["notices"][0] == "query cut to its first 256 words");
    CHECK(w["notices"][1] == "only the first 4 wildcards were expanded");
    CHECK_FALSE(w["results"].empty());
    auto m = search_json(db, {many_words});
    REQUIRE(m["notices"].size() == 1);
    CHECK(m["notices"][0] == "query cut to its first 256 words");
    auto nested = search_json(db, {std::string(500, '(') + "botox" + std::string(500, ')')});
    CHECK_FALSE(nested["results"].empty());
}
