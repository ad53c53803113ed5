// Progress line drawing (see progress.hpp).
#include "progress.hpp"

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
    int n = std::snprintf(line, sizeof line, "\r%s answers  %.0f answers/s  %.1f MB", with_thousands(documents).c_str(),
                          seconds > 0 ? static_cast<double>(documents) / seconds : 0.0, static_cast<double>(bytes_done) / 1e6);
    std::string text(line, static_cast<std::size_t>(n));
    if (total_bytes_ > 0 && bytes_done > 0) {
        double fraction = static_cast<double>(bytes_done) / static_cast<double>(total_bytes_);
        double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
        std::snprintf(line, sizeof line, " of %.1f MB (%.0f%%)  ETA %d:%02d", static_cast<double>(total_bytes_) / 1e6,
                      fraction * 100, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
        text += line;
    }
    out_ << text << "\033[K" << std::flush;
    drawn_ = true;
}

void ProgressLine::finish() {
    if (drawn_) out_ << "\r\033[K" << std::flush;
    drawn_ = false;
}

}  // namespace qadex
