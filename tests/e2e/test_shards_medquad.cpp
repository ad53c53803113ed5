// Sharded search on MedQuAD (issue 9): the LiveQA dev questions get the same
// top 10 from one database, from 3 local shards and from the 3 shards served
// by xapian-tcpsrv. Skipped when the shared data (../shared) is absent.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "shard_support.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

// The query bench/eval runs: subject + " " + message, control white space as spaces.
std::string query_text(const nlohmann::json& topic) {
    const std::string raw = topic.value("subject", "") + " " + topic.value("message", "");
    std::string text;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::string_view rest(raw.data() + i, raw.size() - i);
        if (rest.starts_with("\u0085") || rest.starts_with("\u2028") || rest.starts_with("\u2029")) {
            text.push_back(' ');
            i += rest.starts_with("\u0085") ? 1 : 2;
        } else {
            const char c = raw[i];
            text.push_back(c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ? ' ' : c);
        }
    }
    const auto first = text.find_first_not_of(' '), last = text.find_last_not_of(' ');
    return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

}  // namespace

TEST_CASE("MedQuAD: the dev questions' top 10 are the same from one database, 3 local shards and 3 remote shards",
          "[shards][remote][medquad]") {
    const auto corpus = test::shared_dir() / "corpora" / "medquad.jsonl.gz";
    const auto topics = test::shared_dir() / "eval" / "liveqa-dev.topics.jsonl";
    if (!std::filesystem::exists(corpus) || !std::filesystem::exists(topics))
        QADEX_SKIP("no " + corpus.string() + " or " + topics.string());
    test::TempDir dir;
    const std::string one = (dir / "one").string(), sharded = (dir / "sharded").string();
    const std::string synonyms = (test::source_dir() / "data" / "medical-synonyms.txt").string();
    for (const auto& layout : std::vector<std::vector<std::string>>{{"--db", one}, {"--db", sharded, "--shards", "3"}}) {
        std::vector<std::string> argv{test::index_tool(), "--quiet", "--synonyms", synonyms};
        argv.insert(argv.end(), layout.begin(), layout.end());
        argv.push_back(corpus.string());
        auto r = test::run_process(argv);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    std::ifstream in(topics);
    std::string batch, line;
    std::size_t questions = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto topic = nlohmann::json::parse(line);
        batch += topic["qid"].get<std::string>() + "\t" + query_text(topic) + "\n";
        ++questions;
    }
    REQUIRE(questions == 51);
    test::write_file(dir / "dev.tsv", batch);

    std::vector<std::unique_ptr<test::TcpServer>> servers;
    std::vector<std::string> stub{"auto " + sharded + "/lexicon"};
    for (int k = 0; k < 3; ++k) {
        servers.push_back(std::make_unique<test::TcpServer>(sharded + "/shard-" + std::to_string(k), dir.path()));
        stub.push_back(servers.back()->stub_line());
    }
    const std::string remote = test::write_stub(dir / "remote.stub", stub);

    for (const std::vector<std::string>& extra : {std::vector<std::string>{"--all-answers"}, std::vector<std::string>{}}) {
        std::map<std::string, test::Ranking> runs;
        for (const auto& db : {one, sharded, remote}) {
            std::vector<std::string> argv{test::search_tool(), "--db", db, "--batch", (dir / "dev.tsv").string(),
                                          "--format", "trec", "--per-page", "20"};
            argv.insert(argv.end(), extra.begin(), extra.end());
            auto r = test::run_process(argv);
            INFO(db << ": " << r.err);
            REQUIRE(r.exit_code == 0);
            runs[db] = test::parse_trec(r.out);
        }
        REQUIRE(runs[one].size() == questions);
        std::size_t same = 0;
        for (const auto& [qid, ranking] : runs[one]) {
            INFO("question " << qid << (extra.empty() ? " (collapsed)" : " (all answers)"));
            REQUIRE(ranking.size() >= 10);
            const std::string local = test::ranking_difference(ranking, runs[sharded][qid], 10);
            const std::string served = test::ranking_difference(ranking, runs[remote][qid], 10);
            CHECK(local == "");
            CHECK(served == "");
            same += local.empty() && served.empty();
        }
        std::printf("%zu of %zu dev questions: the same top 10 from one database, local and remote shards (%s)\n",
                    same, questions, extra.empty() ? "collapsed" : "all answers");
    }
}
