// The listening socket of a standalone qadex.fcgi (--listen). Opened here,
// not by libfcgi's FCGX_OpenSocket, which exits the process with errno as
// its status when bind() fails; this says why and lets main exit 1.
#pragma once

#include <stdexcept>
#include <string>

namespace qadex::fastcgi {

// bind() or listen() failed; the message names the address and the reason.
class ListenError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "unix:PATH" (a stale socket file at PATH is replaced; any other file is
// refused) or "HOST:PORT". Returns the listening descriptor.
int open_listen_socket(const std::string& listen, int backlog);

}  // namespace qadex::fastcgi
