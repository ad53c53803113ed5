// The interactive session's history: readline's list of earlier lines, kept
// in the user's data directory so Up-arrow reaches yesterday's questions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>

namespace qadex::interactive {

// $XDG_DATA_HOME/qadex/history, else $HOME/.local/share/qadex/history (the
// same directory as the default database); empty when neither is set.
std::filesystem::path history_file(const char* xdg_data_home, const char* home);
std::filesystem::path default_history_file();  // from the environment

// Owns readline's global history list for the session. Not copyable: there
// is one list per process.
class History {
public:
    static constexpr int max_entries = 1000;

    // Loads `file` (absent is fine) and creates its directory. When it
    // cannot, says so once on `err` and keeps history in memory only. An
    // empty path means memory only, silently.
    History(std::filesystem::path file, std::ostream& err);
    ~History();
    History(const History&) = delete;
    History& operator=(const History&) = delete;

    // Remembers a typed line and saves the file: blank lines are skipped,
    // and an earlier identical line is dropped so each appears once.
    void add(const std::string& line);

private:
    void warn(const std::string& problem);

    std::filesystem::path file_;
    std::ostream& err_;
};

}  // namespace qadex::interactive
