// qadex-search -i: wires the session to a terminal (readline, history) or,
// when standard input is not one, to plain lines so that scripts can drive it.
#include "interactive/interactive.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include <unistd.h>

#include <qadex/exit_codes.hpp>

#include "interactive/history.hpp"
#include "interactive/session.hpp"
#include "interactive/terminal.hpp"

namespace qadex {

namespace {

// Long answers read best at a moderate width, even on a wide terminal.
constexpr std::size_t max_text_width = 100;
constexpr std::size_t piped_text_width = 80;

std::size_t text_width() { return std::min(interactive::terminal_width(piped_text_width), max_text_width); }

// No prompt, no history, no escape codes: the output is only the results.
int run_piped(interactive::Session& session) {
    std::string line;
    while (std::getline(std::cin, line)) {
        bool go_on = session.run_line(line);
        std::cout.flush();  // a script reading our output sees each answer as it comes
        if (!go_on) break;
    }
    return exit_code::ok;
}

int run_on_terminal(FollowingEngine& engine, interactive::Session& session) {
    interactive::History history(interactive::default_history_file(), std::cerr);
    // When stdout is redirected the prompt still belongs on the terminal.
    std::FILE* echo = isatty(STDOUT_FILENO) == 1 ? stdout : stderr;
    std::fprintf(echo, "%llu answers. Type a question; :help lists the commands, Ctrl-D leaves.\n",
                 static_cast<unsigned long long>(engine.engine().database().get_doccount()));
    interactive::TerminalInput input("qadex> ", echo);
    while (auto line = input.read_line()) {
        history.add(*line);
        session.set_width(text_width());
        bool go_on = session.run_line(*line);
        std::cout.flush();
        if (!go_on) break;
    }
    return exit_code::ok;
}

}  // namespace

int run_interactive(FollowingEngine& engine, const SearchRequest& start, bool color) {
    const bool terminal = isatty(STDIN_FILENO) == 1;
    interactive::Session session(engine, start, std::cout, std::cerr,
                                 {TextStyle{color}, terminal ? text_width() : piped_text_width});
    return terminal ? run_on_terminal(engine, session) : run_piped(session);
}

}  // namespace qadex
