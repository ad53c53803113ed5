// What one web request may use (see request_limits.hpp).
#include "web/request_limits.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include <sys/resource.h>

namespace qadex {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool address_sanitizer = true;
#else
constexpr bool address_sanitizer = false;
#endif
#else
constexpr bool address_sanitizer = false;
#endif

// $NAME as a number of at least 0, or `fallback` (reported when set but not a number).
double from_environment(const char* name, double fallback) {
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text, &end);
    if (errno != 0 || *end != '\0' || !(value >= 0) || !std::isfinite(value)) {
        std::cerr << "qadex: $" << name << " is not a number of 0 or more ('" << text << "'); using "
                  << fallback << '\n';
        return fallback;
    }
    return value;
}

// The data segment and private writable mappings the process holds now
// (VmData, what RLIMIT_DATA counts), in bytes; 0 if unknown.
std::size_t data_bytes_now() {
    std::FILE* status = std::fopen("/proc/self/status", "re");
    if (!status) return 0;
    char line[256];
    std::size_t kb = 0;
    while (std::fgets(line, sizeof line, status))
        if (std::strncmp(line, "VmData:", 7) == 0) {
            kb = std::strtoull(line + 7, nullptr, 10);
            break;
        }
    std::fclose(status);
    return kb * 1024;
}

}  // namespace

RequestLimits request_limits() {
    RequestLimits limits;
    limits.cpu_seconds = from_environment("QADEX_CPU_LIMIT", limits.cpu_seconds);
    limits.memory_mb = from_environment("QADEX_MEMORY_LIMIT", limits.memory_mb);
    if (address_sanitizer) {
        limits.memory_mb = 0;
        limits.cpu_seconds *= 10;
    }
    return limits;
}

void limit_memory_from_now(const RequestLimits& limits) {
    if (limits.memory_mb <= 0) return;
    const std::size_t now = data_bytes_now();
    if (now == 0) return;  // no /proc: no limit rather than a wrong one
    rlimit data{};
    if (::getrlimit(RLIMIT_DATA, &data) != 0) return;
    const auto wanted = static_cast<rlim_t>(static_cast<double>(now) + limits.memory_mb * 1024 * 1024);
    // Never above a limit the server set (the hard limit cannot be raised).
    data.rlim_cur = data.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, data.rlim_max);
    ::setrlimit(RLIMIT_DATA, &data);
}

void limit_process_cpu(const RequestLimits& limits) {
    if (limits.cpu_seconds <= 0) return;
    rlimit cpu{};
    if (::getrlimit(RLIMIT_CPU, &cpu) != 0) return;
    const auto soft = static_cast<rlim_t>(std::ceil(limits.cpu_seconds)) + 1;
    if (cpu.rlim_max != RLIM_INFINITY && cpu.rlim_max <= soft) return;  // the server's is tighter
    cpu.rlim_cur = soft;
    cpu.rlim_max = soft + 1;
    ::setrlimit(RLIMIT_CPU, &cpu);
}

CpuTimer::CpuTimer(int signal) {
    sigevent event{};
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = signal;
    made_ = ::timer_create(CLOCK_PROCESS_CPUTIME_ID, &event, &timer_) == 0;
}

CpuTimer::~CpuTimer() {
    if (made_) ::timer_delete(timer_);
}

void CpuTimer::arm(double seconds) {
    seconds_ = seconds;
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start_);
    if (!made_ || seconds <= 0) return;
    itimerspec when{};
    when.it_value.tv_sec = static_cast<time_t>(seconds);
    when.it_value.tv_nsec = static_cast<long>((seconds - std::floor(seconds)) * 1e9);
    if (when.it_value.tv_sec == 0 && when.it_value.tv_nsec == 0) when.it_value.tv_nsec = 1;
    ::timer_settime(timer_, 0, &when, nullptr);
}

void CpuTimer::disarm() {
    if (!made_) return;
    const itimerspec off{};
    ::timer_settime(timer_, 0, &off, nullptr);
}

bool CpuTimer::expired() const {
    if (seconds_ <= 0) return false;
    timespec now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    const double used = static_cast<double>(now.tv_sec - start_.tv_sec) + (now.tv_nsec - start_.tv_nsec) / 1e9;
    return used > seconds_;
}

}  // namespace qadex
