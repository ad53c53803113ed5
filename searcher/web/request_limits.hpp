// What one web request may use of the machine (docs/WEB.md, "Bounds on the
// work of one request"). The query's caps (engine/query_budget.hpp) keep a
// search within 500 ms of CPU and 64 MB; these end a request that escapes
// them with the 503 of web/timeout_response.hpp (CPU time) or of the handler
// (memory), instead of a process stuck on it. qadex.cgi and qadex.fcgi
// alike: per request, although a FastCGI process lives for many.
#pragma once

#include <cstddef>
#include <ctime>

namespace qadex {

struct RequestLimits {
    // CPU time of one request, in seconds (0: none): twice the budget, for
    // a slower machine or a cold page cache.
    double cpu_seconds = 1.0;
    // Memory a request may add to what the process held before its first
    // one, in MB (0: none): heap and other private writable mappings
    // (RLIMIT_DATA), not the shared libraries and the file pages that a
    // resident size also counts.
    double memory_mb = 64;
};

// The defaults, or $QADEX_CPU_LIMIT (seconds) and $QADEX_MEMORY_LIMIT (MB)
// of the process (0 turns one off; a value that is not a number is reported
// on stderr and the default kept). Under AddressSanitizer there is no
// memory limit (it maps terabytes of its own) and the CPU limit is ten times
// as long.
RequestLimits request_limits();

// From now on, allocations that would take the process more than
// `limits.memory_mb` beyond what it holds now fail (std::bad_alloc, which
// the handler answers 503). Called once, before the first request: what a
// request frees stays in the process for the next one, so a limit set again
// before each would grow with it.
void limit_memory_from_now(const RequestLimits& limits);

// A CGI process is one request: RLIMIT_CPU, a second after `limits`'s CPU
// time (SIGXCPU, the same handler as the CpuTimer's) and SIGKILL a second
// later, in case the timer could not be made. Not for FastCGI, whose
// process CPU time adds up over its requests.
void limit_process_cpu(const RequestLimits& limits);

// A timer on the process's CPU time (timer_create on
// CLOCK_PROCESS_CPUTIME_ID), raising `signal` once the process has used
// `seconds` more of it: unlike RLIMIT_CPU, it can be set again for each
// request. The caller's handler for `signal` answers 503 and exits.
class CpuTimer {
public:
    explicit CpuTimer(int signal);
    ~CpuTimer();
    CpuTimer(const CpuTimer&) = delete;
    CpuTimer& operator=(const CpuTimer&) = delete;

    void arm(double seconds);  // 0: not at all
    void disarm();
    // The process has used more than `seconds` since arm(). The timer fires
    // at the kernel's next tick after that (1-4 ms later), so a request can
    // end over its time before it does: the front ends answer it the same.
    bool expired() const;

private:
    timer_t timer_{};
    bool made_ = false;
    double seconds_ = 0;
    timespec start_{};
};

}  // namespace qadex
