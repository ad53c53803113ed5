// Helpers for the sharded-index tests: real xapian-tcpsrv servers on
// 127.0.0.1, remote stubs, and comparing two rankings with ties allowed.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace qadex::test {

// The path of a program on $PATH ("" when absent).
inline std::string find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        auto candidate = std::filesystem::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

// A port nobody listens on now (the kernel's choice for port 0).
inline int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

inline bool accepts_connections(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

// One read-only xapian-tcpsrv serving `database` on 127.0.0.1, ended (with
// the connections it forked off) when the object goes.
class TcpServer {
public:
    explicit TcpServer(const std::string& database, const std::filesystem::path& log_dir,
                       std::vector<std::string> extra_args = {}) {
        static const std::string program = find_program("xapian-tcpsrv");
        if (program.empty()) throw std::runtime_error("xapian-tcpsrv is not installed (Debian xapian-tools)");
        for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
            port_ = free_port();
            std::vector<std::string> argv{program, "--port", std::to_string(port_), "--interface", "127.0.0.1"};
            argv.insert(argv.end(), extra_args.begin(), extra_args.end());
            argv.push_back(database);
            const auto log = log_dir / ("tcpsrv-" + std::to_string(port_));
            int pid = start_process(argv, log.string() + ".out", log.string() + ".err");
            for (int i = 0; i < 200; ++i) {  // up to 10 s on a loaded machine
                if (accepts_connections(port_)) {
                    pid_ = pid;
                    break;
                }
                if (::waitpid(pid, nullptr, WNOHANG) == pid) break;  // port taken meanwhile: try another
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            if (pid_ < 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
        if (pid_ < 0) throw std::runtime_error("xapian-tcpsrv did not start for " + database);
    }
    ~TcpServer() { kill(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    int port() const { return port_; }
    std::string stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_); }
    // Ends the server: new connections are refused from now on.
    void kill() {
        if (pid_ < 0) return;
        ::kill(pid_, SIGCONT);
        ::kill(pid_, SIGKILL);
        wait_process(pid_);
        pid_ = -1;
    }
    // Freezes it: connections still open (the kernel accepts them) but
    // nothing answers, as a hung or overloaded machine.
    void freeze() { ::kill(pid_, SIGSTOP); }

private:
    int port_ = 0;
    int pid_ = -1;
};

// Writes a stub file listing `lines` and returns its path.
inline std::string write_stub(const std::filesystem::path& path, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    write_file(path, text);
    return path.string();
}

// TREC run lines ("qid Q0 docid rank score tag") -> qid -> [(docid, score)].
using Ranking = std::map<std::string, std::vector<std::pair<std::string, double>>>;
inline Ranking parse_trec(const std::string& run) {
    Ranking r;
    std::istringstream in(run);
    std::string qid, q0, doc, tag;
    int rank = 0;
    double score = 0;
    while (in >> qid >> q0 >> doc >> rank >> score >> tag) r[qid].emplace_back(doc, score);
    return r;
}

// Empty when the first `depth` results of `a` and `b` are the same answers in
// the same order, allowing answers of equal score (within TREC's printed
// precision) to come in any order, and an equal-score group cut by the
// depth to differ in which members made it; otherwise what differs.
inline std::string ranking_difference(const std::vector<std::pair<std::string, double>>& a,
                                      const std::vector<std::pair<std::string, double>>& b, std::size_t depth) {
    constexpr double tie = 2e-6;
    const std::size_t n = std::min(depth, a.size());
    if (std::min(depth, b.size()) != n) return "different result counts";
    for (std::size_t i = 0; i < n;) {
        if (std::abs(a[i].second - b[i].second) > tie)
            return "rank " + std::to_string(i + 1) + ": score " + std::to_string(a[i].second) + " vs " +
                   std::to_string(b[i].second) + " (" + a[i].first + " vs " + b[i].first + ")";
        std::size_t j = i;  // the group of scores tied with a[i], within the depth
        while (j < n && std::abs(a[j].second - a[i].second) <= tie && std::abs(b[j].second - a[i].second) <= tie) ++j;
        std::set<std::string> in_a, in_b;
        for (std::size_t k = i; k < j; ++k) in_a.insert(a[k].first), in_b.insert(b[k].first);
        const bool cut = j == n && (a.size() > n || b.size() > n);  // the group may go on past the depth
        if (in_a != in_b && !cut) return "ranks " + std::to_string(i + 1) + "-" + std::to_string(j) + " hold other answers";
        i = j;
    }
    return {};
}

}  // namespace qadex::test
