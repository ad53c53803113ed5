// Reading lines at a terminal with GNU readline: editing, history recall,
// tab completion of commands, and Ctrl-C cancelling the line being typed
// instead of ending the program.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

namespace qadex::interactive {

// Uses readline's callback interface so that SIGINT is ours: while it
// exists, SIGINT and SIGWINCH are blocked except while waiting for a key,
// and the previous handlers and signal mask come back when it is destroyed.
// One at a time per process (readline is global state).
class TerminalInput {
public:
    // Reads standard input; the prompt and the line being edited go to `echo`.
    TerminalInput(std::string prompt, std::FILE* echo);
    ~TerminalInput();
    TerminalInput(const TerminalInput&) = delete;
    TerminalInput& operator=(const TerminalInput&) = delete;

    // The next line, without its newline; nullopt at Ctrl-D on an empty
    // line or when the terminal goes away.
    std::optional<std::string> read_line();

private:
    void cancel_line();

    std::string prompt_;
};

// Columns of the terminal on standard output, or `fallback` when unknown.
std::size_t terminal_width(std::size_t fallback);

}  // namespace qadex::interactive
