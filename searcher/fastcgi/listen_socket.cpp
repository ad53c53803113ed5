// Opening --listen's socket (see listen_socket.hpp).
#include "fastcgi/listen_socket.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "fastcgi/fastcgi_options.hpp"

namespace qadex::fastcgi {

namespace {

[[noreturn]] void fail(const std::string& listen, const std::string& why) {
    throw ListenError("cannot listen on " + listen + ": " + why);
}

int bind_and_listen(int fd, const sockaddr* address, socklen_t length, int backlog, const std::string& listen) {
    if (::bind(fd, address, length) != 0 || ::listen(fd, backlog) != 0) {
        const int error = errno;
        ::close(fd);
        fail(listen, std::strerror(error));
    }
    return fd;
}

int unix_socket(const std::string& listen, const std::string& path, int backlog) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) fail(listen, "the path is longer than a socket's address allows");
    struct stat existing {};
    if (::lstat(path.c_str(), &existing) == 0 && !S_ISSOCK(existing.st_mode))
        fail(listen, "a file that is not a socket is there");
    // Bound under a temporary name and renamed into place once listening: a
    // client that sees the path (nginx starting, a supervisor's check) can
    // connect at once, where a socket bound but not yet listening refuses
    // it. The rename also replaces a socket left by an earlier run.
    std::string bound = path + "." + std::to_string(::getpid()) + ".new";
    if (bound.size() >= sizeof address.sun_path) bound = path;  // no room: bind in place
    if (bound == path) ::unlink(path.c_str());
    std::memcpy(address.sun_path, bound.c_str(), bound.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail(listen, std::strerror(errno));
    ::unlink(bound.c_str());
    bind_and_listen(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address, backlog, listen);
    if (bound != path && ::rename(bound.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(bound.c_str());
        fail(listen, std::strerror(error));
    }
    return fd;
}

int tcp_socket(const std::string& listen, int backlog) {
    const auto colon = listen.rfind(':');
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    if (const int e = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), listen.c_str() + colon + 1, &hints, &found))
        fail(listen, ::gai_strerror(e));
    const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
    if (fd < 0) {
        const int error = errno;
        ::freeaddrinfo(found);
        fail(listen, std::strerror(error));
    }
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);  // restart at once after a stop
    try {
        bind_and_listen(fd, found->ai_addr, found->ai_addrlen, backlog, listen);
    } catch (...) {
        ::freeaddrinfo(found);
        throw;
    }
    ::freeaddrinfo(found);
    return fd;
}

}  // namespace

int open_listen_socket(const std::string& listen, int backlog) {
    const std::string address = socket_address(listen);
    if (listen.rfind("unix:", 0) == 0) return unix_socket(listen, address, backlog);
    return tcp_socket(listen, backlog);
}

}  // namespace qadex::fastcgi
