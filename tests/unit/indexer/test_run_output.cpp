// What a qadex-index run prints: the live progress line and the summary.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <thread>

#include "progress.hpp"
#include "run_summary.hpp"

using namespace qadex;

TEST_CASE("The progress line shows a size and an ETA only when the input size is known", "[indexer][progress]") {
    std::ostringstream unknown, known;
    ProgressLine pipe(unknown, true, 0), file(known, true, 10'000'000);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    pipe.update(12345, ~std::uint64_t{0});  // zlib's offset of a pipe, -1
    file.update(12345, 5'000'000);
    CHECK(unknown.str().find("12,345 answers") != std::string::npos);
    CHECK(unknown.str().find("MB") == std::string::npos);
    CHECK(unknown.str().find("ETA") == std::string::npos);
    CHECK(known.str().find("5.0 of 10.0 MB (50%)  ETA ") != std::string::npos);
}

TEST_CASE("The summary line: singular for 1, thousands grouped everywhere", "[indexer][summary]") {
    RunCounts counts;
    counts.files = 1;
    counts.threads = 1;
    counts.answers = 1;
    WriteCounts writes;
    writes.threads_added = 1;
    writes.answers_added = 1;
    writes.threads_not_found = 1;
    CHECK(summary_line(counts, writes, 4.0, false) ==
          "qadex-index: 1 thread (1 answer) read from 1 file: threads 1 added, 0 replaced, 0 deleted, 0 unchanged; "
          "answers 1 added, 0 replaced, 0 deleted; 1 id to delete not found; 0 skipped; 4.00 s, 0 answers/s");
    counts = {2, 0, 12'000, 30'000, 1'500};
    counts.unchanged = 17'893;
    counts.warnings = 1;
    writes = {};
    writes.threads_replaced = 12'000;
    writes.answers_deleted = 4'000;
    writes.threads_not_found = 2;
    CHECK(summary_line(counts, writes, 10.0, true) ==
          "qadex-index: interrupted; 12,000 threads (30,000 answers) read from 2 files: threads 0 added, 12,000 "
          "replaced, 0 deleted, 17,893 unchanged; answers 0 added, 0 replaced, 4,000 deleted; 2 ids to delete not "
          "found; 1,500 skipped; 1 warning; 10.00 s, 3,000 answers/s");
    counts.warnings = 2;
    CHECK(summary_line(counts, writes, 10.0, true).find("; 1,500 skipped; 2 warnings; 10.00 s") != std::string::npos);
    CHECK(summary_line(counts, std::nullopt, 0, false).find("read from 2 files (dry run: nothing written)") !=
          std::string::npos);
}
