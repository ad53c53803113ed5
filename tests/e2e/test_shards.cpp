// Sharded indexes (issue 9, docs/SCALING.md) on the sample corpus: qadex-index
// --shards, updates routed to the thread's shard, and searching the shards,
// on disk or served by real xapian-tcpsrv processes, exactly as one database.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <cctype>
#include <sstream>

#include <qadex/schema.hpp>

#include "shard_of.hpp"
#include "shard_support.hpp"
#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

const std::string synonyms_file = (test::source_dir() / "data" / "medical-synonyms.txt").string();

test::ProcessResult index(const std::vector<std::string>& args) {
    std::vector<std::string> argv{test::index_tool(), "--quiet"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process(argv);
}

// The sample corpus indexed twice: one database and 3 shards.
struct Indexes {
    test::TempDir dir;
    std::string one = (dir / "one").string(), sharded = (dir / "sharded").string();
    Indexes() {
        const std::string corpus = (test::source_dir() / "corpus").string();
        auto a = index({"--db", one, "--synonyms", synonyms_file, corpus});
        INFO(a.err);
        REQUIRE(a.exit_code == 0);
        auto b = index({"--db", sharded, "--shards", "3", "--synonyms", synonyms_file, corpus});
        INFO(b.err);
        REQUIRE(b.exit_code == 0);
    }
    std::string lexicon() const { return sharded + "/lexicon"; }
    std::string shard(int k) const { return sharded + "/shard-" + std::to_string(k); }
};

// Questions: every thread's title, misspellings, synonyms, the query language.
std::string batch_file(const fs::path& path) {
    std::ifstream in(test::source_dir() / "corpus" / "threads.jsonl");
    std::string text, line;
    int n = 0;
    std::vector<std::string> questions;
    while (std::getline(in, line)) questions.push_back(nlohmann::json::parse(line)["title"].get<std::string>());
    for (const char* q : {"botox atrofy", "heart attack", "title:botox", "\"forehead lines\"",
                          "botox -forehead", "what causes eyelid droop", "specialty:dermatology botox"})
        questions.emplace_back(q);
    std::ostringstream out;
    for (const auto& q : questions) out << 'q' << ++n << '\t' << q << '\n';
    text = out.str();
    test::write_file(path, text);
    return path.string();
}

test::ProcessResult search(const std::string& db, std::vector<std::string> args,
                           const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv{test::search_tool(), "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process(argv, {}, env);
}

// Checks that `db` ranks every batch question as `reference` does (top 10).
void check_same_rankings(const std::string& reference, const std::string& db, const std::string& batch,
                         const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--batch", batch, "--format", "trec", "--per-page", "20"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto a = search(reference, args), b = search(db, args);
    INFO(a.err << b.err);
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    auto ra = test::parse_trec(a.out), rb = test::parse_trec(b.out);
    REQUIRE(ra.size() >= 30);
    REQUIRE(ra.size() == rb.size());
    for (const auto& [qid, ranking] : ra) {
        INFO("question " << qid);
        CHECK(test::ranking_difference(ranking, rb[qid], 10) == "");
    }
}

// The parts of a --format json result with --facets that must not depend on
// the layout. (Not the estimated total: Xapian estimates it per shard.)
nlohmann::json comparable(const std::string& out) {
    auto j = nlohmann::json::parse(out);
    nlohmann::json c{{"corrected", j["corrected_query"]}, {"facets", j["facets"]}};
    for (const auto& r : j["results"]) c["ids"].push_back(r["answer_id"]);
    for (const auto& r : j["results"]) c["more"].push_back(r.value("more_answers", nlohmann::json()));
    return c;
}

test::ProcessResult run_cgi(const std::string& db, const std::string& query, const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv{"/usr/bin/env", "-i", "GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=GET",
                                  "QADEX_DB=" + db, "QUERY_STRING=" + query};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.push_back(test::cgi_tool());
    return test::run_process(argv);
}

// Text output without Xapian's estimates: "about N" (made per shard) and
// "+N more answers" (a lower bound from one database, exact from remote
// shards; the JSON checks with --facets compare the exact counts).
// (Plain string handling: GCC 12 warns falsely on <regex> at -O1.)
std::string without_estimates(const std::string& text) {
    std::string out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find_first_not_of(' ');
        if (first != std::string::npos && line[first] == '+' &&
            (line.ends_with(" more answer to this question") || line.ends_with(" more answers to this question")))
            continue;
        for (std::size_t at = line.find("about "); at != std::string::npos; at = line.find("about ", at + 1)) {
            std::size_t end = at + 6;
            while (end < line.size() && (std::isdigit(static_cast<unsigned char>(line[end])) || line[end] == ',')) ++end;
            if (end > at + 6) {
                line.erase(at + 6, end - at - 6);
                line.insert(at + 6, 1, 'N');
            }
        }
        out += line;
        out += '\n';
    }
    if (!text.ends_with('\n') && !out.empty()) out.pop_back();
    return out;
}

std::string body(const std::string& response) { return response.substr(response.find("\r\n\r\n") + 4); }

// The lexicon locally, each shard behind its own xapian-tcpsrv.
struct RemoteShards {
    std::vector<std::unique_ptr<test::TcpServer>> servers;
    std::string stub;
    RemoteShards(const Indexes& idx, const fs::path& dir) {
        std::vector<std::string> lines{"# the lexicon stays local: the remote backend serves no spelling or synonyms",
                                       "auto " + idx.lexicon()};
        for (int k = 0; k < 3; ++k) {
            servers.push_back(std::make_unique<test::TcpServer>(idx.shard(k), dir));
            lines.push_back(servers.back()->stub_line());
        }
        stub = test::write_stub(dir / "remote.stub", lines);
    }
};

}  // namespace

TEST_CASE("qadex-index --shards 3 puts each thread in the shard its id hashes to, spelling and synonyms in the lexicon",
          "[shards]") {
    Indexes idx;
    Xapian::Database one(idx.one), stub(idx.sharded), lexicon(idx.lexicon());
    CHECK(stub.get_doccount() == one.get_doccount());  // Xapian opens the stub directory itself
    Xapian::doccount total = 0;
    for (int k = 0; k < 3; ++k) {
        Xapian::Database shard(idx.shard(k));
        CHECK(shard.get_metadata(schema::metadata::shard) == std::to_string(k) + "/3");
        CHECK(shard.get_metadata(schema::metadata::schema_version) == std::to_string(schema::version));
        CHECK(shard.get_doccount() > 0);
        total += shard.get_doccount();
        const std::string g = schema::prefix::thread_id;
        for (auto t = shard.allterms_begin(g); t != shard.allterms_end(g); ++t)
            CHECK(shard_of((*t).substr(g.size()), 3) == static_cast<std::uint32_t>(k));
        CHECK(shard.spellings_begin() == shard.spellings_end());
        CHECK(shard.synonym_keys_begin() == shard.synonym_keys_end());
    }
    CHECK(total == one.get_doccount());
    CHECK(lexicon.get_doccount() == 0);
    // The lexicon holds what the single database's spelling and synonym tables hold.
    std::map<std::string, Xapian::doccount> spell_one, spell_lexicon;
    for (auto s = one.spellings_begin(); s != one.spellings_end(); ++s) spell_one[*s] = s.get_termfreq();
    for (auto s = lexicon.spellings_begin(); s != lexicon.spellings_end(); ++s) spell_lexicon[*s] = s.get_termfreq();
    CHECK(spell_one.size() > 100);
    CHECK(spell_lexicon == spell_one);
    std::set<std::string> syn_one, syn_lexicon;
    for (auto k = one.synonym_keys_begin(); k != one.synonym_keys_end(); ++k)
        for (auto s = one.synonyms_begin(*k); s != one.synonyms_end(*k); ++s) syn_one.insert(*k + "=" + *s);
    for (auto k = lexicon.synonym_keys_begin(); k != lexicon.synonym_keys_end(); ++k)
        for (auto s = lexicon.synonyms_begin(*k); s != lexicon.synonyms_end(*k); ++s) syn_lexicon.insert(*k + "=" + *s);
    CHECK(syn_one.size() > 10);
    CHECK(syn_lexicon == syn_one);
    // The fresh build compacted every part in place and left nothing else behind.
    std::set<std::string> entries;
    for (const auto& e : fs::directory_iterator(idx.sharded)) entries.insert(e.path().filename().string());
    CHECK(entries == std::set<std::string>{"XAPIANDB", "lexicon", "shard-0", "shard-1", "shard-2"});
    auto stats = index({"--db", idx.sharded, "--stats"});
    CHECK(stats.out.find("answers: " + std::to_string(one.get_doccount()) + "\n") != std::string::npos);
}

TEST_CASE("Local shards rank every question exactly as one database, with spelling, synonyms, facets and collapsing",
          "[shards]") {
    Indexes idx;
    const std::string batch = batch_file(idx.dir / "batch.tsv");
    check_same_rankings(idx.one, idx.sharded, batch);
    check_same_rankings(idx.one, idx.sharded, batch, {"--all-answers"});
    for (const char* q : {"botox atrofy", "heart attack", "botox"}) {
        auto a = search(idx.one, {"--format", "json", "--facets", q}), b = search(idx.sharded, {"--format", "json", "--facets", q});
        REQUIRE(a.exit_code == 0);
        REQUIRE(b.exit_code == 0);
        CHECK(comparable(a.out) == comparable(b.out));
    }
    CHECK(comparable(search(idx.sharded, {"--format", "json", "botox atrofy"}).out)["corrected"] == "botox atrophy");
    // Xapian expands a wildcard in each shard separately, so its weights can
    // differ (docs/SCALING.md); the answers it finds do not.
    auto wa = search(idx.one, {"--format", "trec", "--all-answers", "--per-page", "100", "atroph*"});
    auto wb = search(idx.sharded, {"--format", "trec", "--all-answers", "--per-page", "100", "atroph*"});
    std::set<std::string> found_a, found_b;
    auto run_a = test::parse_trec(wa.out), run_b = test::parse_trec(wb.out);
    for (const auto& [id, score] : run_a["1"]) found_a.insert(id);
    for (const auto& [id, score] : run_b["1"]) found_b.insert(id);
    CHECK(found_a.size() > 5);
    CHECK(found_a == found_b);
}

TEST_CASE("Updates and deletions of a sharded index reach the thread's shard", "[shards]") {
    Indexes idx;
    // A thread rewritten with one answer fewer, and another deleted.
    std::ifstream in(test::source_dir() / "corpus" / "threads.jsonl");
    std::string line;
    std::getline(in, line);
    auto thread = nlohmann::json::parse(line);
    const std::string changed = thread["id"];
    REQUIRE(thread["answers"].size() >= 2);
    thread["answers"].erase(thread["answers"].begin());
    thread["answers"][0]["body"] = "Rewritten: zygomaticus quokka answer about Botox.";
    test::write_file(idx.dir / "update.jsonl", thread.dump() + "\n");
    std::getline(in, line);
    const std::string deleted = nlohmann::json::parse(line)["id"];

    for (const auto& db : {idx.one, idx.sharded}) {
        auto r = test::run_process({test::index_tool(), "--db", db, "--delete", deleted, "--",
                                    (idx.dir / "update.jsonl").string()});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.find("threads 0 added, 1 replaced, 1 deleted") != std::string::npos);
    }
    const std::uint32_t home = shard_of(changed, 3);
    for (int k = 0; k < 3; ++k) {
        Xapian::Database shard(idx.shard(k));
        const std::string term = schema::id_term(schema::prefix::thread_id, changed);
        CHECK((shard.get_termfreq(term) > 0) == (static_cast<std::uint32_t>(k) == home));
        CHECK(shard.get_termfreq(schema::id_term(schema::prefix::thread_id, deleted)) == 0);
    }
    CHECK(Xapian::Database(idx.sharded).get_doccount() == Xapian::Database(idx.one).get_doccount());
    check_same_rankings(idx.one, idx.sharded, batch_file(idx.dir / "batch.tsv"));
    auto found = search(idx.sharded, {"--format", "trec", "zygomaticus quokka"});
    CHECK(found.out.find(changed) != std::string::npos);
    // The spelling table learnt the new words, in the lexicon.
    Xapian::Database lexicon(idx.lexicon());
    auto s = lexicon.spellings_begin();
    s.skip_to("quokka");
    REQUIRE(s != lexicon.spellings_end());
    CHECK(*s == "quokka");
}

TEST_CASE("qadex-index refuses --shards on a single database or with another shard count", "[shards]") {
    Indexes idx;
    const std::string corpus = (test::source_dir() / "corpus").string();
    auto single = index({"--db", idx.one, "--shards", "3", corpus});
    CHECK(single.exit_code == 1);
    CHECK(single.err.find("is a single database; to split it, use --rebuild --shards N") != std::string::npos);
    auto other = index({"--db", idx.sharded, "--shards", "2", corpus});
    CHECK(other.exit_code == 1);
    CHECK(other.err.find("has 3 shards") != std::string::npos);
    CHECK(index({"--db", idx.sharded, "--shards", "0", corpus}).exit_code == 2);
    // A stub file is for searching: writing through it would not route threads to their shards.
    auto stub = test::write_stub(idx.dir / "local.stub", {"auto sharded/lexicon", "auto sharded/shard-0"});
    auto through_stub = index({"--db", stub, corpus});
    CHECK(through_stub.exit_code == 1);
    CHECK(through_stub.err.find("is a stub file listing databases") != std::string::npos);
    // --rebuild --shards splits another way, and the result still ranks as one database.
    auto rebuilt = index({"--db", idx.one, "--rebuild", "--shards", "2", "--synonyms", synonyms_file, corpus});
    INFO(rebuilt.err);
    REQUIRE(rebuilt.exit_code == 0);
    CHECK(fs::exists(idx.one + "/shard-1"));
    check_same_rankings(idx.sharded, idx.one, batch_file(idx.dir / "batch.tsv"));
}

TEST_CASE("A stub that leaves out a shard, or lists one twice, is refused", "[shards]") {
    Indexes idx;
    auto missing = test::write_stub(idx.dir / "missing.stub", {"auto " + idx.lexicon(), "auto " + idx.shard(0), "auto " + idx.shard(2)});
    auto r = search(missing, {"botox"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("shard 1 is missing") != std::string::npos);
    auto twice = test::write_stub(idx.dir / "twice.stub",
                                  {"auto " + idx.shard(0), "auto " + idx.shard(1), "auto " + idx.shard(2), "auto " + idx.shard(1)});
    r = search(twice, {"botox"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("shard 1 is listed twice") != std::string::npos);
    auto bad = test::write_stub(idx.dir / "bad.stub", {"auto " + idx.shard(0), "remote 127.0.0.1:notaport"});
    r = search(bad, {"botox"});
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("bad.stub:2: bad port") != std::string::npos);
}

TEST_CASE("Remote shards behind xapian-tcpsrv rank exactly as one database in every mode", "[shards][remote]") {
    Indexes idx;
    RemoteShards remote(idx, idx.dir.path());
    const std::string batch = batch_file(idx.dir / "batch.tsv");
    check_same_rankings(idx.one, remote.stub, batch);
    check_same_rankings(idx.one, remote.stub, batch, {"--all-answers"});
    // One-shot, with spelling from the local lexicon, synonyms and facets.
    for (const char* q : {"botox atrofy", "heart attack", "botox"}) {
        auto a = search(idx.one, {"--format", "json", "--facets", q});
        auto b = search(remote.stub, {"--format", "json", "--facets", q});
        INFO(b.err);
        REQUIRE(b.exit_code == 0);
        CHECK(comparable(a.out) == comparable(b.out));
    }
    // The interactive session, driven through a pipe.
    const std::string session = "botox atrophy\n:facets\n:next\n:open 1\n";
    auto ia = test::run_process({test::search_tool(), "--db", idx.one, "-i"}, session);
    auto ib = test::run_process({test::search_tool(), "--db", remote.stub, "-i"}, session);
    CHECK(ib.exit_code == 0);
    CHECK(ib.err == "");
    CHECK(without_estimates(ia.out) == without_estimates(ib.out));
    // The CGI, whose facet counting runs through Xapian's own match spy here.
    auto ca = run_cgi(idx.one, "q=botox&format=json&facets=1"), cb = run_cgi(remote.stub, "q=botox&format=json&facets=1");
    INFO(cb.err);
    REQUIRE(cb.out.rfind("Status: 200", 0) == 0);
    CHECK(comparable(body(ca.out)) == comparable(body(cb.out)));
    CHECK(comparable(body(cb.out))["facets"].size() == 3);
}

TEST_CASE("A shard server that is down: exit 8 naming the shard at once, 503 from the CGI", "[shards][remote]") {
    Indexes idx;
    RemoteShards remote(idx, idx.dir.path());
    const std::string port = std::to_string(remote.servers[1]->port());
    remote.servers[1]->kill();
    auto start = std::chrono::steady_clock::now();
    auto r = search(remote.stub, {"botox"});
    CHECK(r.exit_code == 8);
    CHECK(r.err.find("shard 'remote 127.0.0.1:" + port + "'") != std::string::npos);
    CHECK(r.err.find("is unavailable") != std::string::npos);
    CHECK(r.out == "");
    // Refused connections need no timeout; 10x the 5 s default would mean it hung.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(50));
    auto batch = search(remote.stub, {"--batch", batch_file(idx.dir / "batch.tsv")});
    CHECK(batch.exit_code == 8);
    auto cgi = run_cgi(remote.stub, "q=botox");
    CHECK(cgi.out.rfind("Status: 503", 0) == 0);
    CHECK(cgi.out.find("Retry-After:") != std::string::npos);
    CHECK(cgi.out.find(port) == std::string::npos);  // no addresses in pages
    CHECK(cgi.err.find("remote 127.0.0.1:" + port) != std::string::npos);  // but in the server's log
}

TEST_CASE("A shard server that stops answering: the search gives up after the configured timeout", "[shards][remote]") {
    Indexes idx;
    RemoteShards remote(idx, idx.dir.path());
    remote.servers[2]->freeze();
    auto start = std::chrono::steady_clock::now();
    auto r = search(remote.stub, {"--timeout", "1", "botox"});
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(r.exit_code == 8);
    CHECK(r.err.find("remote 127.0.0.1:" + std::to_string(remote.servers[2]->port())) != std::string::npos);
    CHECK(r.err.find("no answer within the remote timeout of 1 s") != std::string::npos);
    CHECK(took < std::chrono::seconds(10));  // 10x the timeout would mean it hung
    // The CGI takes the timeout from its environment and answers 503 before its own 10 s deadline.
    start = std::chrono::steady_clock::now();
    auto cgi = run_cgi(remote.stub, "q=botox", {"QADEX_REMOTE_TIMEOUT=1"});
    CHECK(cgi.out.rfind("Status: 503", 0) == 0);
    CHECK(cgi.err.find("no answer within the remote timeout of 1 s") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    auto bad = search(remote.stub, {"--timeout", "soon", "botox"});
    CHECK(bad.exit_code == 2);
    auto bad_env = search(remote.stub, {"botox"}, {"QADEX_REMOTE_TIMEOUT=-1"});
    CHECK(bad_env.exit_code == 2);
    CHECK(bad_env.err.find("QADEX_REMOTE_TIMEOUT") != std::string::npos);
}
