// Progress line drawing (see progress.hpp).
#include "progress.hpp"

#include <algorithm>
#include <cstdio>

namespace qadex {

using clock_type = std::chrono::steady_clock;

std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

ProgressLine::ProgressLine(std::ostream& out, bool enabled, std::uint64_t total_bytes)
    : out_(out), enabled_(enabled), total_bytes_(total_bytes), start_(clock_type::now()), last_draw_(start_) {}

void ProgressLine::update(std::uint64_t documents, std::uint64_t bytes_done) {
    if (!enabled_) return;
    auto now = clock_type::now();
    if (now - last_draw_ < std::chrono::milliseconds(250)) return;
    last_draw_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    char line[160];
    int n = std::snprintf(line, sizeof line, "\r%s answers  %s answers/s", with_thousands(documents).c_str(),
                          with_thousands(static_cast<std::uint64_t>(seconds > 0 ? static_cast<double>(documents) / seconds : 0.0)).c_str());
    std::string text(line, static_cast<std::size_t>(n));
    // The size and the time left only when the size is known (not a pipe).
    if (total_bytes_ > 0) {
        const double fraction = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes_));
        const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
        std::snprintf(line, sizeof line, "  %.1f of %.1f MB (%.0f%%)", static_cast<double>(bytes_done) / 1e6,
                      static_cast<double>(total_bytes_) / 1e6, fraction * 100);
        text += line;
        if (fraction > 0) {
            std::snprintf(line, sizeof line, "  ETA %d:%02d", static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
            text += line;
        }
    }
    out_ << text << "\033[K" << std::flush;
    drawn_ = true;
}

void ProgressLine::finish() {
    if (drawn_) out_ << "\r\033[K" << std::flush;
    drawn_ = false;
}

}  // namespace qadex
