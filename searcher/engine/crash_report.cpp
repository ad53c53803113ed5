// Reporting a crash while reading the database (see crash_report.hpp).
#include "engine/crash_report.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace qadex {

namespace {

constexpr int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

CrashReport armed_report;  // changed only while `armed` is 0
volatile sig_atomic_t armed = 0;
struct sigaction previous[std::size(crash_signals)];
bool installed = false;

// A stack of its own, so that a crash by stack overflow is reported too.
alignas(16) char signal_stack[64 * 1024];

void write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n <= 0) return;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

void write_all(int fd, const std::string& text) { write_all(fd, text.data(), text.size()); }

const char* signal_words(int signal) {
    switch (signal) {
        case SIGSEGV: return "segmentation fault";
        case SIGBUS: return "bus error";
        case SIGFPE: return "arithmetic exception";
        default: return "illegal instruction";
    }
}

extern "C" void on_crash(int signal, siginfo_t* info, void*) {
    if (!armed) {
        // Not ours to report: back to the handler before us. A fault
        // happens again as this returns, there; a signal sent is sent again.
        for (std::size_t i = 0; i < std::size(crash_signals); ++i)
            if (crash_signals[i] == signal) ::sigaction(signal, &previous[i], nullptr);
        if (info->si_code <= 0) ::raise(signal);
        return;
    }
    armed = 0;  // a second crash while reporting: no loop
    if (armed_report.response_fd >= 0) write_all(armed_report.response_fd, armed_report.response);
    write_all(STDERR_FILENO, armed_report.log_prefix);
    const char* words = signal_words(signal);
    write_all(STDERR_FILENO, words, std::strlen(words));
    write_all(STDERR_FILENO, armed_report.log_suffix);
    std::_Exit(armed_report.exit_code);
}

void install() {
    stack_t current{};
    if (::sigaltstack(nullptr, &current) == 0 && (current.ss_flags & SS_DISABLE)) {  // a sanitizer may have its own
        stack_t stack{};
        stack.ss_sp = signal_stack;
        stack.ss_size = sizeof signal_stack;
        ::sigaltstack(&stack, nullptr);
    }
    struct sigaction action {};
    action.sa_sigaction = on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < std::size(crash_signals); ++i) ::sigaction(crash_signals[i], &action, &previous[i]);
    installed = true;
}

}  // namespace

void arm_crash_report(CrashReport report) {
    armed = 0;
    armed_report = std::move(report);
    if (!installed) install();
    armed = 1;
}

void disarm_crash_report() { armed = 0; }

}  // namespace qadex
