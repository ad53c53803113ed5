// The FastCGI request loop (see fastcgi_main.hpp).
#include "fastcgi/fastcgi_main.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcgiapp.h>
#include <fcntl.h>
#include <iostream>
#include <new>
#include <sstream>
#include <string>

#include <qadex/exit_codes.hpp>

#include "fastcgi/fastcgi_options.hpp"
#include "fastcgi/listen_socket.hpp"
#include "fastcgi/request_deadline.hpp"
#include "fastcgi/request_slots.hpp"
#include "web/body_input.hpp"
#include "web/request_limits.hpp"
#include "web/crash_response.hpp"
#include "web/form.hpp"
#include "web/handler.hpp"
#include "web/persistent_engine.hpp"

namespace qadex::fastcgi {

namespace {

volatile sig_atomic_t stop_requested = 0;

// Connections a web server may keep open to one process (nginx keeps up to
// its upstream's `keepalive` per worker): one more closes the idlest.
constexpr std::size_t max_kept_connections = 16;

// Only a flag: the request in flight is finished, then the loop ends.
extern "C" void on_stop(int) { stop_requested = 1; }

// SIGTERM and SIGINT are blocked while a request is read and answered (an
// interrupted read would cut its body short) and let in only while waiting
// for the next one, in RequestSlots::next()'s ppoll(). A request that
// stalls while it is read is given up after receive_deadline_seconds
// (fastcgi/request_deadline.hpp), so a stop signal waits at most that long.
// Returns the mask that lets them in.
sigset_t block_stop_signals() {
    struct sigaction action {};
    action.sa_handler = on_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    sigset_t stop_signals, waiting;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigprocmask(SIG_BLOCK, &stop_signals, &waiting);
    sigdelset(&waiting, SIGTERM);
    sigdelset(&waiting, SIGINT);
    return waiting;
}

std::string param(const FCGX_Request& request, const char* name) {
    const char* value = FCGX_GetParam(name, request.envp);
    return value ? value : "";
}

// The body, at most what read_form() accepts (it checks CONTENT_LENGTH).
std::string read_body(FCGX_Request& request) {
    std::string body;
    char buffer[8192];
    while (body.size() < max_form_bytes) {
        const int n = FCGX_GetStr(buffer, static_cast<int>(sizeof buffer), request.in);
        if (n <= 0) break;
        body.append(buffer, static_cast<std::size_t>(n));
    }
    return body;
}

// False when the process is to end: it ran out of memory outside the
// handler, which answers that itself (and the process serves on).
bool answer(FCGX_Request& request, PersistentEngine& engine) {
    bool writing = false;
    try {
        const CgiEnvironment env{param(request, "REQUEST_METHOD"), param(request, "QUERY_STRING"),
                                 param(request, "CONTENT_TYPE"), param(request, "CONTENT_LENGTH")};
        std::string posted = read_body(request);
        ReceivedBody received(std::move(posted), disarm_receive_deadline());  // a stalled body: 408
        std::istream body(&received);
        arm_deadline(request.ipcFd, request.requestId);
        // A crash reading a damaged database: this request gets a 503, and the
        // process ends (exit 10) for the server to start a new one.
        arm_crash_report(request_crash_report(request.ipcFd, response_records(request.requestId, crash_response()),
                                              engine.path(), exit_code::damaged_database));
        engine.refresh();
        const HttpResponse response = handle_web_request(env, body, engine);
        disarm_crash_report();
        disarm_deadline();

        std::ostringstream out;
        write_response(out, response, env.method == "HEAD");
        const std::string bytes = out.str();
        writing = true;
        FCGX_PutStr(bytes.data(), static_cast<int>(bytes.size()), request.out);
        return true;
    } catch (const std::bad_alloc&) {
        disarm_receive_deadline();
        disarm_crash_report();
        disarm_deadline();
        if (!writing) answer_out_of_memory(request.ipcFd, request.requestId);
        std::cerr << "qadex.fcgi: out of memory outside a request's handling; exiting for a fresh process\n";
        return false;
    }
}

int serve(const Options& options) {
    int listen_fd = 0;  // the socket the web server or spawn-fcgi passes as stdin
    if (!options.listen.empty()) {
        try {
            listen_fd = open_listen_socket(options.listen, options.backlog);
        } catch (const ListenError& e) {
            std::cerr << "qadex.fcgi: " << e.what() << '\n';
            return 1;
        }
    } else if (FCGX_IsCGI()) {
        std::cerr << "qadex.fcgi: standard input is not a socket: not started by a FastCGI server.\n"
                     "Use --listen unix:PATH or --listen HOST:PORT to run it alone, or see --help.\n";
        return 2;
    }

    // Non-blocking, so that a connection another process sharing the socket
    // (spawn-fcgi -F) accepted first cannot leave this one stuck in accept().
    ::fcntl(listen_fd, F_SETFL, ::fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
    const sigset_t waiting = block_stop_signals();
    RequestLimits limits = request_limits();
    install_deadline_handler(limits);
    // The process may grow by limits.memory_mb beyond what it holds now: a
    // request can use that much (what the one before freed is free for it;
    // 10,000 requests keep less than 5 MB, web.fcgi_process), and the result
    // cache its --cache-mb on top. Beyond it, std::bad_alloc is answered 503
    // and the process serves on.
    if (limits.memory_mb > 0) limits.memory_mb += static_cast<double>(options.cache_mb);
    limit_memory_from_now(limits);
    PersistentEngine engine(options.database, options.cache_mb << 20);
    RequestSlots slots(listen_fd, max_kept_connections);
    while (FCGX_Request* request = slots.next(waiting, stop_requested)) {
        arm_receive_deadline(&request->ipcFd);
        if (FCGX_Accept_r(request) < 0) {
            disarm_receive_deadline();
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == 0) continue;
            std::cerr << "qadex.fcgi: accepting a request failed: " << std::strerror(errno) << '\n';
            return 1;
        }
        if (!answer(*request, engine)) return 0;
        slots.finish(request);
    }
    return 0;
}

}  // namespace

int fastcgi_main(int argc, char* argv[]) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "qadex.fcgi: " << e.what() << "\nTry 'qadex.fcgi --help'.\n";
        return 2;
    }
    if (options.help) {
        std::cout << usage_text();
        return 0;
    }
    if (FCGX_Init() != 0) {
        std::cerr << "qadex.fcgi: the FastCGI library failed to start\n";
        return 1;
    }
    return serve(options);
}

}  // namespace qadex::fastcgi
