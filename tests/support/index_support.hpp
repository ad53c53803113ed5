// In-process tests of the searcher on a database the test writes itself:
// threads built in code, indexed with the indexer library (no processes).
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <qadex/document.hpp>
#include <qadex/thread_json.hpp>

#include "index_run.hpp"
#include "test_support.hpp"

namespace qadex::test {

// A thread with one answer per body.
inline Thread make_thread(const std::string& id, const std::string& title, const std::vector<std::string>& bodies,
                          const std::string& category = "", const std::string& question = "") {
    Thread t;
    t.id = id;
    t.title = title;
    t.question = question;
    t.category = category;
    t.source = "Test";
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        Answer a;
        a.id = id + "-a" + std::to_string(i + 1);
        a.body = bodies[i];
        t.answers.push_back(std::move(a));
    }
    return t;
}

// Indexes `threads` into a new database at dir/db, as qadex-index would
// (the same run, in this process: spelling table and all), and returns its path.
inline std::string write_index(const TempDir& dir, const std::vector<Thread>& threads) {
    std::string lines;
    for (const Thread& t : threads) lines += thread_to_json(t) + "\n";
    const auto input = dir / "threads.jsonl";
    write_file(input, lines);
    IndexOptions options;
    options.database = (dir / "db").string();
    options.inputs = {input.string()};
    options.progress = ProgressMode::off;
    options.verbosity = Verbosity::quiet;
    std::ostringstream out, err;
    const int code = run_indexer(options, out, err);
    INFO(err.str());
    REQUIRE(code == 0);
    return options.database;
}

// Sets an environment variable for the life of the object, then restores it.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old, had_ = true;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (had_) ::setenv(name_, old_.c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::string old_;
    bool had_ = false;
};

}  // namespace qadex::test
