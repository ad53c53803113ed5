// readline's callback interface driven by ppoll (see terminal.hpp).
//
// Why not plain readline(): it installs its own SIGINT handler and, on
// Ctrl-C, hands the signal on to ours in the middle of its read loop, where
// the only ways out are exiting or longjmp. Waiting for keys ourselves lets
// a signal simply interrupt the wait, after which the line is cancelled and
// a fresh prompt drawn (what Python's REPL does too).
#include "interactive/terminal.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "interactive/commands.hpp"

namespace qadex::interactive {

namespace {

volatile std::sig_atomic_t interrupted = 0;
volatile std::sig_atomic_t resized = 0;

extern "C" void note_sigint(int) { interrupted = 1; }
extern "C" void note_sigwinch(int) { resized = 1; }

struct SavedSignals {
    struct sigaction sigint {}, sigwinch {};
    sigset_t mask{};
} saved;

// What the line handler hands back to read_line().
struct PendingLine {
    bool done = false;
    std::optional<std::string> line;
} pending;

extern "C" void take_line(char* line) {
    pending.done = true;
    if (line) {
        pending.line = std::string(line);
        std::free(line);
    }
    // Removing the handler here stops readline printing the next prompt
    // before the command's output; read_line() installs it again.
    rl_callback_handler_remove();
}

// Tab completion from interactive_commands; never file names.
std::vector<std::string> candidates;

extern "C" char* next_candidate(const char*, int state) {
    static std::size_t index = 0;
    if (state == 0) index = 0;
    if (index >= candidates.size()) return nullptr;
    const std::string& c = candidates[index++];
    char* copy = static_cast<char*>(std::malloc(c.size() + 1));  // readline frees it
    if (copy) std::memcpy(copy, c.c_str(), c.size() + 1);
    return copy;
}

extern "C" char** complete(const char* text, int start, int end) {
    rl_attempted_completion_over = 1;
    candidates = completions(std::string_view(rl_line_buffer, static_cast<std::size_t>(end)),
                             static_cast<std::size_t>(start));
    // "specialty=" is followed by the value, not by a space.
    if (!candidates.empty() && candidates.front().back() == '=') rl_completion_append_character = '\0';
    return candidates.empty() ? nullptr : rl_completion_matches(text, next_candidate);
}

}  // namespace

TerminalInput::TerminalInput(std::string prompt, std::FILE* echo) : prompt_(std::move(prompt)) {
    rl_readline_name = "qadex";  // for "$if qadex" in ~/.inputrc
    rl_instream = stdin;
    rl_outstream = echo;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = const_cast<char*>(" \t\n=");

    struct sigaction action {};
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: the signal must interrupt ppoll
    action.sa_handler = note_sigint;
    sigaction(SIGINT, &action, &saved.sigint);
    action.sa_handler = note_sigwinch;
    sigaction(SIGWINCH, &action, &saved.sigwinch);
    // Blocked outside ppoll, so a Ctrl-C during a search waits for the
    // next prompt instead of being lost between a check and the wait.
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGWINCH);
    sigprocmask(SIG_BLOCK, &blocked, &saved.mask);
    interrupted = 0;
    resized = 0;
}

TerminalInput::~TerminalInput() {
    rl_callback_handler_remove();
    sigaction(SIGINT, &saved.sigint, nullptr);
    sigaction(SIGWINCH, &saved.sigwinch, nullptr);
    sigprocmask(SIG_SETMASK, &saved.mask, nullptr);
}

std::optional<std::string> TerminalInput::read_line() {
    // A Ctrl-C typed while the last command ran only cancels an empty line.
    interrupted = 0;
    pending = {};
    std::fflush(stdout);
    rl_callback_handler_install(prompt_.c_str(), take_line);
    sigset_t waiting = saved.mask;
    sigdelset(&waiting, SIGINT);
    sigdelset(&waiting, SIGWINCH);
    while (!pending.done) {
        pollfd fd{fileno(rl_instream), POLLIN, 0};
        int ready = ppoll(&fd, 1, nullptr, &waiting);
        if (ready < 0 && errno != EINTR) {
            rl_callback_handler_remove();
            return std::nullopt;
        }
        if (resized) {
            resized = 0;
            rl_resize_terminal();
        }
        if (interrupted) {
            interrupted = 0;
            cancel_line();
            continue;
        }
        if (ready > 0) rl_callback_read_char();
    }
    if (!pending.line) std::fputc('\n', rl_outstream);  // Ctrl-D: leave the shell prompt on its own line
    std::fflush(rl_outstream);
    return pending.line;
}

// Like a shell: "^C" after the text typed so far, then a fresh empty prompt
// on the next line, with history browsing reset.
void TerminalInput::cancel_line() {
    rl_callback_sigcleanup();  // first: ends an incremental search (Ctrl-R), restoring the prompt
    rl_free_line_state();
    rl_point = rl_end;
    rl_redisplay();
    rl_echo_signal_char(SIGINT);
    rl_cleanup_after_signal();
    rl_callback_handler_remove();
    std::fputc('\n', rl_outstream);
    std::fflush(rl_outstream);
    rl_callback_handler_install(prompt_.c_str(), take_line);
}

std::size_t terminal_width(std::size_t fallback) {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return fallback;
}

}  // namespace qadex::interactive
