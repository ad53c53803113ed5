// qadex-index features beyond plain indexing: synonyms, spelling, Unicode
// folding end to end, threads, and a clean stop on SIGINT.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>
#include <xapian.h>

#include <qadex/schema.hpp>

#include "test_support.hpp"

using namespace qadex;
using json = nlohmann::json;

namespace {

std::vector<std::string> synonyms_of(const Xapian::Database& db, const std::string& term) {
    return {db.synonyms_begin(term), db.synonyms_end(term)};
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

std::string thread_line(const std::string& id, const std::string& title, const std::string& body,
                        const std::string& tags = "[]") {
    json j = {{"id", id}, {"title", title}, {"tags", json::parse(tags)},
              {"answers", {{{"id", id + "-a1"}, {"body", body}}, {{"id", id + "-a2"}, {"body", "Second answer. " + body}}}}};
    return j.dump();
}

std::vector<std::string> search_ids(const std::string& db, const std::string& query) {
    auto r = test::run_process({test::search_tool(), "--db", db, "--format", "json", "--all-answers", query});
    REQUIRE(r.exit_code == 0);
    json result = json::parse(r.out);
    std::vector<std::string> ids;
    for (const auto& hit : result["results"]) ids.push_back(hit["answer_id"].get<std::string>());
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("Synonyms come from the synonyms file and from each thread's tags", "[cli][indexer][synonyms]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    auto input = (dir / "t.jsonl").string();
    test::write_file(input, thread_line("t1", "Facial palsy", "Text.", R"(["Bell's palsy", "Idiopathic facial paralysis", "BP"])") + "\n");
    auto r = test::run_process({test::index_tool(), "--db", db, "--synonyms",
                                (test::source_dir() / "data" / "medical-synonyms.txt").string(), input});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    Xapian::Database d(db);
    CHECK(contains(synonyms_of(d, "botox"), "botulinum toxin"));
    CHECK(contains(synonyms_of(d, "botulinum toxin"), "onabotulinumtoxina"));
    CHECK(contains(synonyms_of(d, "heart attack"), "myocardial infarction"));
    // Tags: the first names the topic, the others are its other names.
    CHECK(contains(synonyms_of(d, "bell's palsy"), "idiopathic facial paralysis"));
    CHECK(contains(synonyms_of(d, "idiopathic facial paralysis"), "bell's palsy"));
    CHECK_FALSE(contains(synonyms_of(d, "idiopathic facial paralysis"), "bp"));
}

TEST_CASE("A malformed synonyms line is reported as FILE:LINE and the rest is used", "[cli][indexer][synonyms]") {
    test::TempDir dir;
    auto syn = (dir / "syn.txt").string();
    test::write_file(syn, "# comment\nbotox, botulinum toxin\nlonely\n");
    auto input = (dir / "t.jsonl").string();
    test::write_file(input, thread_line("t1", "Botox", "Text.") + "\n");
    auto r = test::run_process({test::index_tool(), "--db", (dir / "db").string(), "--synonyms", syn, input});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(syn + ":3: a synonym group needs at least two terms separated by commas\n") != std::string::npos);
    CHECK(contains(synonyms_of(Xapian::Database((dir / "db").string()), "botox"), "botulinum toxin"));
}

TEST_CASE("The spelling dictionary learns the corpus words, unless told not to", "[cli][indexer][spelling]") {
    test::TempDir dir;
    auto input = (dir / "t.jsonl").string();
    test::write_file(input, thread_line("t1", "Onabotulinumtoxin and atrophy", "Onabotulinumtoxin relaxes muscles.") + "\n");
    REQUIRE(test::run_process({test::index_tool(), "--db", (dir / "db").string(), input}).exit_code == 0);
    Xapian::Database d((dir / "db").string());
    CHECK(d.get_spelling_suggestion("onabotulinumtoxim") == "onabotulinumtoxin");
    CHECK(d.get_spelling_suggestion("atrofy") == "atrophy");
    REQUIRE(test::run_process({test::index_tool(), "--db", (dir / "nospell").string(), "--no-spelling", input}).exit_code == 0);
    CHECK(Xapian::Database((dir / "nospell").string()).get_spelling_suggestion("atrofy").empty());
}

TEST_CASE("Case, width, accents and CJK words match between documents and queries", "[cli][indexer][analysis]") {
    test::TempDir dir;
    auto db = (dir / "db").string();
    auto input = (dir / "t.jsonl").string();
    test::write_file(input, thread_line("fold", "SCULPTRA for a naïve patient", "ＢＯＴＯＸ and Straße, 肉毒杆菌毒素注射") + "\n" +
                                thread_line("other1", "Unrelated", "Nothing to see.") + "\n" +
                                thread_line("other2", "Unrelated", "Nothing to see.") + "\n" +
                                thread_line("other3", "Unrelated", "Nothing to see.") + "\n");
    REQUIRE(test::run_process({test::index_tool(), "--db", db, input}).exit_code == 0);
    const std::vector<std::string> both{"fold-a1", "fold-a2"};
    for (const char* query : {"sculptra", "Sculptra", "naive", "NAÏVE", "botox", "ｂｏｔｏｘ", "strasse", "STRASSE", "毒素"}) {
        INFO(query);
        CHECK(search_ids(db, query) == both);
    }
}

TEST_CASE("One analysis thread and two build the same index", "[cli][indexer]") {
    test::TempDir dir;
    auto corpus = (test::source_dir() / "corpus").string();
    auto snapshot = [](const std::string& path) {
        Xapian::Database d(path);
        std::vector<std::string> terms;
        for (auto it = d.allterms_begin(); it != d.allterms_end(); ++it)
            terms.push_back(*it + "/" + std::to_string(it.get_termfreq()));
        return std::make_pair(d.get_doccount(), terms);
    };
    REQUIRE(test::run_process({test::index_tool(), "--db", (dir / "one").string(), "--threads", "1", corpus}).exit_code == 0);
    REQUIRE(test::run_process({test::index_tool(), "--db", (dir / "two").string(), "--threads", "2", corpus}).exit_code == 0);
    CHECK(snapshot((dir / "one").string()) == snapshot((dir / "two").string()));
}

namespace {

// 40,000 two-answer threads: enough that an interrupt lands mid-run.
constexpr std::size_t big_input_threads = 40000;

std::string write_big_input(const test::TempDir& dir) {
    auto input = (dir / "big.jsonl").string();
    std::string content;
    for (std::size_t i = 0; i < big_input_threads; ++i) {
        std::string n = std::to_string(i);
        content.append(thread_line("t" + n, "Question " + n + " about botox", "Botox answer " + n + " about atrophy."));
        content.push_back('\n');
    }
    test::write_file(input, content);
    return input;
}

template <typename Ready>
void wait_until(Ready ready) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!ready()) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

// Every thread in the index is complete: both of its answers are there.
std::size_t check_threads_complete(const std::string& db) {
    Xapian::Database d(db);
    std::size_t threads = 0;
    for (auto it = d.allterms_begin(schema::prefix::thread_id); it != d.allterms_end(schema::prefix::thread_id); ++it) {
        ++threads;
        CHECK(it.get_termfreq() == 2);
    }
    CHECK(d.get_doccount() == 2 * threads);
    return threads;
}

void interrupt_and_check(const test::TempDir& dir, int pid, const std::string& db, const std::string& input,
                         std::size_t seed_threads) {
    ::kill(pid, SIGINT);
    int code = test::wait_process(pid);
    std::string err = test::read_file(dir / "err");
    INFO(err);
    CHECK(code == 130);
    CHECK(err.find("qadex-index: interrupted; ") != std::string::npos);
    std::size_t threads = check_threads_complete(db);
    CHECK(threads < big_input_threads + seed_threads);  // it did stop early
    // A re-run completes to exactly the counts of an uninterrupted run.
    auto rerun = test::run_process({test::index_tool(), "--db", db, input});
    CHECK(rerun.exit_code == 0);
    CHECK(Xapian::Database(db).get_doccount() == 2 * (big_input_threads + seed_threads));
}

}  // namespace

TEST_CASE("SIGINT during an update commits every finished thread, prints the summary and exits 130", "[cli][indexer][signals]") {
    test::TempDir dir;
    auto input = write_big_input(dir);
    auto db = (dir / "db").string();
    auto seed = (dir / "seed.jsonl").string();
    test::write_file(seed, thread_line("seed", "Seed", "Seed answer.") + "\n");
    REQUIRE(test::run_process({test::index_tool(), "--db", db, seed}).exit_code == 0);
    int pid = test::start_process({test::index_tool(), "--db", db, "--batch-size", "100", input}, dir / "out", dir / "err");
    wait_until([&] { return Xapian::Database(db).get_doccount() > 2; });  // a batch of the run is committed
    interrupt_and_check(dir, pid, db, input, 1);
}

TEST_CASE("SIGINT during a parallel build from scratch merges every finished thread and exits 130", "[cli][indexer][signals]") {
    test::TempDir dir;
    auto input = write_big_input(dir);
    auto db = (dir / "db").string();
    int pid = test::start_process({test::index_tool(), "--db", db, "--threads", "2", "--batch-size", "100", input},
                                  dir / "out", dir / "err");
    // The shards fill up out of sight; the database appears only when merged.
    wait_until([&] { return std::filesystem::exists(dir / "db.shards" / "shard-1" / "iamglass"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK_FALSE(std::filesystem::exists(db));
    interrupt_and_check(dir, pid, db, input, 0);
}
