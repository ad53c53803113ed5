// Running qadex-search in tests: a database built from the sample corpus,
// and the searcher as a real process.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace qadex::test {

// Builds a database from corpus/ in `dir` and returns its path.
inline std::string corpus_db(const TempDir& dir, std::vector<std::string> extra_index_args = {}) {
    auto db = (dir / "db").string();
    std::vector<std::string> argv{index_tool(), "--db", db, "--quiet"};
    argv.insert(argv.end(), extra_index_args.begin(), extra_index_args.end());
    argv.push_back((source_dir() / "corpus").string());
    auto r = run_process(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return db;
}

inline ProcessResult search(const std::string& db, std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> argv{search_tool(), "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, input);
}

// --format json, exit code 0 required; throws (failing the test) on invalid JSON.
inline nlohmann::json search_json(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    auto r = search(db, args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

}  // namespace qadex::test
