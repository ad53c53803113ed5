// History file handling over readline's history library (see history.hpp).
#include "interactive/history.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include <readline/history.h>

namespace qadex::interactive {

std::filesystem::path history_file(const char* xdg_data_home, const char* home) {
    if (xdg_data_home && *xdg_data_home) return std::filesystem::path(xdg_data_home) / "qadex" / "history";
    if (home && *home) return std::filesystem::path(home) / ".local" / "share" / "qadex" / "history";
    return {};
}

std::filesystem::path default_history_file() {
    return history_file(std::getenv("XDG_DATA_HOME"), std::getenv("HOME"));
}

History::History(std::filesystem::path file, std::ostream& err) : file_(std::move(file)), err_(err) {
    using_history();
    stifle_history(max_entries);
    if (file_.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(file_.parent_path(), ec);
    if (ec) {
        warn("cannot create " + file_.parent_path().string() + ": " + ec.message());
        return;
    }
    // read_history returns an errno value; a first session has no file yet.
    if (int rc = read_history(file_.c_str()); rc != 0 && rc != ENOENT)
        warn("cannot read " + file_.string() + ": " + std::strerror(rc));
}

History::~History() { clear_history(); }

void History::add(const std::string& line) {
    if (line.find_first_not_of(" \t\r\n") == std::string::npos) return;
    for (int i = history_length - 1; i >= 0; --i) {
        HIST_ENTRY* entry = history_get(history_base + i);
        if (entry && line == entry->line) free_history_entry(remove_history(i));
    }
    add_history(line.c_str());
    // The whole (capped) list each time: a killed session loses nothing.
    if (!file_.empty())
        if (int rc = write_history(file_.c_str()); rc != 0) warn("cannot write " + file_.string() + ": " + std::strerror(rc));
}

void History::warn(const std::string& problem) {
    err_ << "qadex-search: " << problem << "; history is not saved\n";
    file_.clear();
}

}  // namespace qadex::interactive
