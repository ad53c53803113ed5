// bench_suggest: the latency of suggestions as you type (issue 18) in one
// process, as a server that keeps the database open would see it.
//
//   bench_suggest --db PATH PREFIXES [ROUNDS]
//
// PREFIXES has one typed text a line (bench/suggest_prefixes.py writes
// them). Every line is completed ROUNDS times (default 3); the first round
// is reported apart (cold: the blocks it needs are read from the page cache
// into Xapian for the first time), then every request of all rounds, as
// wall-clock time and as this thread's CPU time (which other processes
// sharing the cores do not inflate; page cache misses are not in it).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <time.h>

#include <qadex/database_open.hpp>

#include "engine/suggest.hpp"

namespace {

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> ms, double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(rank, ms.size() - 1)];
}

void report(const char* label, const std::vector<double>& ms) {
    std::printf("%-6s requests %5zu  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n", label, ms.size(),
                percentile(ms, 50), percentile(ms, 90), percentile(ms, 99), percentile(ms, 100));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || std::string(argv[1]) != "--db") {
        std::cerr << "usage: bench_suggest --db PATH PREFIXES [ROUNDS]\n";
        return 2;
    }
    const int rounds = argc > 4 ? std::max(1, std::atoi(argv[4])) : 3;
    std::ifstream in(argv[3]);
    std::vector<std::string> texts;
    for (std::string line; std::getline(in, line);) texts.push_back(line);
    if (texts.empty()) {
        std::cerr << "bench_suggest: no prefixes in " << argv[3] << '\n';
        return 2;
    }
    qadex::Suggester suggester(qadex::open_search_database(argv[2], qadex::DatabaseOpenOptions{}).db);
    std::vector<double> first, all, cpu;
    std::size_t suggestions = 0, empty = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const auto& text : texts) {
            const auto start = std::chrono::steady_clock::now();
            const double cpu_start = thread_cpu_ms();
            const auto result = suggester.suggest(text);
            cpu.push_back(thread_cpu_ms() - cpu_start);
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            all.push_back(ms);
            if (round > 0) continue;
            first.push_back(ms);
            suggestions += result.suggestions.size();
            empty += result.suggestions.empty();
        }
    }
    std::printf("%zu texts, %d rounds; first round: %.2f suggestions a text, %zu texts with none\n", texts.size(),
                rounds, static_cast<double>(suggestions) / static_cast<double>(texts.size()), empty);
    report("first", first);
    report("all", all);
    report("cpu", cpu);
    // The slowest texts of the first round, to see what costs.
    std::vector<std::size_t> order(texts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return first[a] > first[b]; });
    for (std::size_t i = 0; i < std::min<std::size_t>(5, order.size()); ++i)
        std::printf("slow   %.3f ms  %s\n", first[order[i]], texts[order[i]].c_str());
    return 0;
}
