// Key terms in ranking (searcher/engine/term_weighting.hpp, docs/RANKING.md
// rule 11) on a small database written here.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include <qadex/error.hpp>

#include "engine/search_engine.hpp"
#include "engine/term_model.hpp"
#include "engine/term_weighting.hpp"
#include "test_support.hpp"

using namespace qadex;
using json = nlohmann::json;

namespace {

std::string thread_line(const std::string& id, const std::string& title, const std::vector<std::string>& tags,
                        const std::string& body) {
    json j = {{"id", id}, {"title", title}, {"tags", tags}, {"answers", json::array({{{"id", id + "-a1"}, {"body", body}}})}};
    return j.dump() + "\n";
}

// One answer about the focus of the question below (an ear disease), one
// that shares only its chatter (a grandmother, her armchair, a weekend,
// the neighbour: more words, each as rare), and answers on other topics,
// so that words have frequencies.
std::string index_corpus(const test::TempDir& dir, const std::string& extra_threads = "") {
    const std::string threads = extra_threads +
        thread_line("focus", "Labyrinthitis", {"labyrinthitis"},
                    "Labyrinthitis is an inflammation of the inner ear, usually after a viral infection. "
                    "It settles within a few weeks; vestibular exercises help.") +
        thread_line("chatter", "Choosing furniture for older people", {"home"},
                    "Last weekend the neighbour told my grandmother that an armchair with firm arms is easier "
                    "whenever she gets up.") +
        thread_line("migraine", "Migraine", {"migraine"},
                    "A migraine is a headache with nausea; rest in a dark room and ask a doctor about triptans.") +
        thread_line("asthma", "Asthma", {"asthma"},
                    "Asthma narrows the airways. An inhaler relieves the symptoms; see a doctor if it gets worse.") +
        thread_line("eczema", "Eczema", {"eczema"},
                    "Eczema makes the skin dry and itchy. Moisturisers help, and a doctor can prescribe creams.") +
        thread_line("gout", "Gout", {"gout"},
                    "Gout is a painful arthritis caused by uric acid crystals in a joint, often the big toe.") +
        thread_line("sleep", "Sleeping badly", {"sleep"},
                    "Keep regular hours, avoid screens late at night and see a doctor if it lasts for weeks.") +
        thread_line("flu", "Flu", {"flu"},
                    "Flu brings fever and aches for about a week. Rest, fluids, and a doctor for people at risk.");
    const auto input = (dir / "threads.jsonl").string();
    const auto db = (dir / "db").string();
    test::write_file(input, threads);
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", input});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return db;
}

// A chatty question: many words, one of which is what it is about.
const char* const question =
    "Hello, last weekend my grandmother told the neighbour that she feels dizzy whenever she gets up from "
    "her armchair. Her doctor thinks it is labyrinthitis. Is labyrinthitis serious at her age?";

std::vector<std::string> ranking(const std::string& db, const RankingSettings& settings) {
    SearchEngine engine(db, settings);
    SearchRequest request;
    request.query = question;
    std::vector<std::string> threads;
    for (const SearchHit& hit : engine.search(request).hits) threads.push_back(hit.stored.thread_id);
    return threads;
}

std::size_t rank_of(const std::vector<std::string>& threads, const std::string& id) {
    return static_cast<std::size_t>(std::find(threads.begin(), threads.end(), id) - threads.begin());
}

}  // namespace

TEST_CASE("key terms: in a long chatty question the answer about its focus outranks one sharing its chatter",
          "[term_weighting][ranking]") {
    test::TempDir dir;
    const std::string db = index_corpus(dir);

    // Rule 11 alone: rule 10b (chatter refines) is tested below.
    RankingSettings weighing;
    weighing.keyterms.chatter_below = 0;
    const auto by_default = ranking(db, weighing);
    INFO("default: " << json(by_default).dump());
    REQUIRE(rank_of(by_default, "focus") < by_default.size());
    REQUIRE(rank_of(by_default, "chatter") < by_default.size());
    CHECK(rank_of(by_default, "focus") < rank_of(by_default, "chatter"));

    // Without the model, the chatter's several rare words win: what the rule is for.
    RankingSettings off = weighing;
    off.keyterms.enabled = false;
    const auto without = ranking(db, off);
    INFO("keyterms=0: " << json(without).dump());
    CHECK(rank_of(without, "chatter") < rank_of(without, "focus"));
    // Weighing never loses an answer: the same answers match either way.
    CHECK(std::set<std::string>(by_default.begin(), by_default.end()) ==
          std::set<std::string>(without.begin(), without.end()));
}

TEST_CASE("key terms: in a long question, words an expert would drop refine instead of deciding",
          "[term_weighting][ranking]") {
    test::TempDir dir;
    // An answer that shares only words an expert would drop from the
    // question (p < 0.15: weekend, neighbour, armchair).
    const std::string db = index_corpus(
        dir, thread_line("repairs", "Repairs", {"home"}, "Every weekend the neighbour repairs an armchair."));
    const Xapian::Database index(db);
    const auto p = KeyTermWeights::for_question(question, question, index, KeyTermSettings{}).probabilities();
    INFO("probabilities: " << json(p).dump());
    for (const char* word : {"weekend", "neighbour", "armchair"}) REQUIRE(p.at(word) < KeyTermSettings{}.chatter_below);

    const auto by_default = ranking(db, RankingSettings{});
    INFO("default: " << json(by_default).dump());
    REQUIRE_FALSE(by_default.empty());
    CHECK(by_default.front() == "focus");
    CHECK(rank_of(by_default, "repairs") == by_default.size());

    RankingSettings off;
    off.keyterms.chatter_below = 0;
    const auto without = ranking(db, off);
    INFO("keyterms_chatter=0: " << json(without).dump());
    CHECK(rank_of(without, "repairs") < without.size());

    // When every word is chatter, they decide as before: the question still finds answers.
    SearchEngine engine(db, RankingSettings{});
    SearchRequest request;
    request.query = "Last weekend the neighbour and my grandmother were sitting in her armchair, "
                    "and she asked whether I could bring another armchair next weekend.";
    const auto result = engine.search(request);
    std::vector<std::string> threads;
    for (const SearchHit& hit : result.hits) threads.push_back(hit.stored.thread_id);
    INFO("all chatter: " << json(threads).dump());
    CHECK(rank_of(threads, "chatter") < threads.size());
}

TEST_CASE("key terms: short questions and queries are left alone", "[term_weighting][ranking]") {
    test::TempDir dir;
    const Xapian::Database db(index_corpus(dir));
    const KeyTermSettings settings;
    // "labyrinthitis serious grandmother armchair": four content words, not more than min_words.
    CHECK_FALSE(KeyTermWeights::for_question("Is labyrinthitis serious for my grandmother in her armchair?",
                                             "is labyrinthitis serious for my grandmother in her armchair", db,
                                             settings)
                    .active());
    const KeyTermWeights long_question = KeyTermWeights::for_question(question, question, db, settings);
    REQUIRE(long_question.active());
    const auto& p = long_question.probabilities();
    INFO("probabilities: " << json(p).dump());
    REQUIRE(p.count("labyrinth"));  // stems, as the query's terms hold them
    for (const char* chatter : {"weekend", "grandmoth", "neighbour", "armchair"}) {
        INFO(chatter);
        REQUIRE(p.count(chatter));
        CHECK(p.at("labyrinth") > p.at(chatter));
    }
    // Every factor is above 0 (no answer lost) and at most 1.
    for (const char* prefix : {"", "S", "XQ", "K"})
        for (const auto& [stem, probability] : p) {
            const double f = long_question.factor(Xapian::Query(std::string("Z") + prefix + stem));
            CHECK(f >= settings.floor);
            CHECK(f <= 1.0);
        }
    // A term the model does not know (another word, a synonym) keeps its weight.
    CHECK(long_question.factor(Xapian::Query("Zvertigo")) == 1.0);

    KeyTermSettings off = settings;
    off.enabled = false;
    CHECK_FALSE(KeyTermWeights::for_question(question, question, db, off).active());
}

TEST_CASE("key terms: the model built into the binary is data/term-model.tsv", "[term_weighting]") {
    const TermModel file = TermModel::load((test::source_dir() / "data" / "term-model.tsv").string());
    const TermModel& built_in = shipped_term_model();  // $QADEX_TERM_MODEL is not set under ctest
    CHECK(built_in.bias() == file.bias());
    CHECK(built_in.weights() == file.weights());

    const std::string text = test::read_file(test::source_dir() / "data" / "term-model.tsv");
    CHECK(TermModel::parse(text, "model").weights() == file.weights());
    try {
        TermModel::parse("bias\t1\nnidf_body\tx\n", "built-in model");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.file() == "built-in model");
        CHECK(e.line() == 2);
    }
}
