// The summary line (see run_summary.hpp).
#include "run_summary.hpp"

#include <cmath>
#include <cstdio>

#include "progress.hpp"  // with_thousands

namespace qadex {

std::string count_of(std::uint64_t n, const char* singular, const char* plural) {
    return with_thousands(n) + ' ' + (n == 1 ? singular : plural);
}

std::string summary_line(const RunCounts& counts, const std::optional<WriteCounts>& writes, double seconds,
                         bool interrupted, const std::string& nothing_written) {
    auto n = [](std::uint64_t v) { return with_thousands(v); };
    std::string line = "qadex-index: ";
    if (interrupted) line += "interrupted; ";
    line += count_of(counts.threads, "thread", "threads") + " (" + count_of(counts.answers, "answer", "answers") +
            ") read from " + count_of(counts.files, "file", "files");
    if (writes) {
        line += ": threads " + n(writes->threads_added) + " added, " + n(writes->threads_replaced) + " replaced, " +
                n(writes->threads_deleted) + " deleted, " + n(counts.unchanged) + " unchanged; answers " + n(writes->answers_added) + " added, " +
                n(writes->answers_replaced) + " replaced, " + n(writes->answers_deleted) + " deleted";
        if (writes->threads_not_found)
            line += "; " + count_of(writes->threads_not_found, "id", "ids") + " to delete not found";
    } else {
        line += " (" + nothing_written + ")";
    }
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f s", seconds);
    const double rate = seconds > 0 ? static_cast<double>(counts.answers) / seconds : 0.0;
    line += "; " + n(counts.skipped) + " skipped; ";
    if (counts.warnings) line += count_of(counts.warnings, "warning", "warnings") + "; ";
    line += std::string(secs) + ", " +
            n(static_cast<std::uint64_t>(std::llround(rate))) + " answers/s";
    return line;
}

}  // namespace qadex
