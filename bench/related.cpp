// bench_related: "related questions" for a list of seed answers, by qadex
// (SearchEngine::related, what qadex-search --similar runs) and by plain
// Xapian "more like this" (the seed's ESet, 40 terms, ORed), for
// bench/eval --related; and the in-process time of qadex's (bench/README.md).
//
//   bench_related run DB SEEDS [--k N] [--set related_KEY=VALUE]...
//       one JSON line per seed and method: {"qid", "seed", "method",
//       "seed_tag", "results": [{"answer_id", "thread_id", "tag"}...]}
//   bench_related time DB SEEDS [--rounds N] [--set ...]
//       one untimed round, then N timed rounds of every seed (10 results,
//       snippets made as the CLI makes them): mean, p50, p95, p99, max in ms
//
// SEEDS: "qid<TAB>answer id" per line. Exit 1 on an error, 2 on bad usage.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <qadex/stored_answer.hpp>

#include "engine/related.hpp"
#include "engine/search_engine.hpp"

namespace {

using Seeds = std::vector<std::pair<std::string, std::string>>;  // qid, answer id

struct Options {
    std::string mode, db, seeds;
    std::size_t k = 10, rounds = 3;
    qadex::RankingSettings ranking;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "bench_related: " << problem << "\n"
              << "usage: bench_related run|time DB SEEDS [--k N] [--rounds N] [--set related_KEY=VALUE]...\n";
    std::exit(2);
}

Options parse(int argc, char** argv) {
    if (argc < 4) usage("too few arguments");
    Options o;
    o.mode = argv[1];
    o.db = argv[2];
    o.seeds = argv[3];
    if (o.mode != "run" && o.mode != "time") usage("the mode is run or time, not '" + o.mode + "'");
    for (int i = 4; i < argc; ++i) {
        std::string arg = argv[i];
        if (i + 1 == argc) usage(arg + " needs a value");
        std::string value = argv[++i];
        if (arg == "--k") o.k = std::stoul(value);
        else if (arg == "--rounds") o.rounds = std::stoul(value);
        else if (arg == "--set") {
            auto eq = value.find('=');
            if (eq == std::string::npos ||
                !qadex::apply_related_setting(value.substr(0, eq), std::stod(value.substr(eq + 1)), o.ranking.related))
                usage("--set takes one of " + std::string(qadex::related_setting_keys) + " =NUMBER, not '" + value + "'");
        } else usage("unknown option " + arg);
    }
    return o;
}

Seeds read_seeds(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    Seeds seeds;
    for (std::string line; std::getline(in, line);) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) seeds.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    return seeds;
}

std::string first_tag(const qadex::StoredAnswer& stored) { return stored.tags.empty() ? "" : stored.tags.front(); }

nlohmann::json hit_json(const qadex::StoredAnswer& stored) {
    return {{"answer_id", stored.answer.id}, {"thread_id", stored.thread_id}, {"tag", first_tag(stored)}};
}

// Plain "more like this": no collapsing, no field awareness, Xapian's defaults.
nlohmann::json plain_mlt(const Xapian::Database& db, const std::string& id, std::size_t k) {
    nlohmann::json results = nlohmann::json::array();
    const qadex::RelatedSeed seed = qadex::find_related_seed(db, id);
    if (seed.documents.empty()) return results;
    Xapian::Enquire enquire(db);
    enquire.set_query(qadex::plain_more_like_this(db, seed));
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
    for (auto it = mset.begin(); it != mset.end(); ++it)
        results.push_back(hit_json(qadex::decode_stored_answer(it.get_document().get_data())));
    return results;
}

int run(const Options& o, const Seeds& seeds) {
    qadex::SearchEngine engine(o.db, o.ranking);
    const Xapian::Database& db = engine.database();
    qadex::SearchRequest request;
    request.per_page = o.k;
    for (const auto& [qid, id] : seeds) {
        std::string seed_tag;
        nlohmann::json ours = nlohmann::json::array();
        try {
            const qadex::SearchResult result = engine.related(id, request);
            seed_tag = first_tag(*result.similar_to);
            for (const auto& hit : result.hits) ours.push_back(hit_json(hit.stored));
        } catch (const qadex::UnknownIdError& e) {
            std::cerr << "bench_related: " << qid << ": " << e.what() << '\n';
        }
        for (auto& [method, results] : {std::pair{"qadex", ours}, std::pair{"mlt", plain_mlt(db, id, o.k)}})
            std::cout << nlohmann::json{{"qid", qid}, {"seed", id}, {"method", method}, {"seed_tag", seed_tag},
                                        {"results", results}}.dump()
                      << '\n';
    }
    return 0;
}

double percentile(std::vector<double> sorted, double p) {
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(p / 100 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

int time_related(const Options& o, const Seeds& seeds) {
    qadex::SearchEngine engine(o.db, o.ranking);
    qadex::SearchRequest request;
    request.per_page = 10;
    std::vector<double> ms;
    for (std::size_t round = 0; round <= o.rounds; ++round) {
        for (const auto& [qid, id] : seeds) {
            const auto start = std::chrono::steady_clock::now();
            const qadex::SearchResult result = engine.related(id, request);
            const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (round > 0) ms.push_back(took);  // round 0 warms the page cache
        }
    }
    double sum = 0;
    for (double m : ms) sum += m;
    std::cout << nlohmann::json{{"answers", engine.database().get_doccount()},
                                {"seeds", seeds.size()},
                                {"rounds", o.rounds},
                                {"mean_ms", sum / static_cast<double>(ms.size())},
                                {"p50_ms", percentile(ms, 50)},
                                {"p95_ms", percentile(ms, 95)},
                                {"p99_ms", percentile(ms, 99)},
                                {"max_ms", percentile(ms, 100)}}.dump()
              << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    try {
        const Seeds seeds = read_seeds(options.seeds);
        if (seeds.empty()) usage(options.seeds + " holds no \"qid<TAB>id\" line");
        return options.mode == "run" ? run(options, seeds) : time_related(options, seeds);
    } catch (const std::exception& e) {
        std::cerr << "bench_related: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_related: " << e.get_description() << '\n';
    }
    return 1;
}
