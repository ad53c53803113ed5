// The connections one qadex.fcgi process serves: the listening socket and
// the connections a web server keeps open for further requests
// (FCGI_KEEP_CONN: nginx's fastcgi_keep_conn with an upstream keepalive
// pool). libfcgi reads a kept connection's next request with a blocking
// read, so a process with one FCGX_Request would wait on an idle kept
// connection while a new one queued. Each connection has a request slot of
// its own instead, and the process serves whichever has a request.
#pragma once

#include <csignal>
#include <cstddef>
#include <fcgiapp.h>
#include <vector>

namespace qadex::fastcgi {

class RequestSlots {
public:
    // At most `max_kept` connections are kept open at once; one more
    // arriving closes the one idle longest.
    RequestSlots(int listen_fd, std::size_t max_kept);
    ~RequestSlots();
    RequestSlots(const RequestSlots&) = delete;
    RequestSlots& operator=(const RequestSlots&) = delete;

    // Waits, with `waiting` as the signal mask, until a kept connection or
    // the listening socket can be read, and returns the slot to pass to
    // FCGX_Accept_r: a kept connection's, or a free one (which accepts).
    // nullptr once `stop` is set.
    FCGX_Request* next(const sigset_t& waiting, const volatile sig_atomic_t& stop);

    // The request in `slot` is answered: FCGX_Finish_r, which keeps its
    // connection open when the web server asked for that.
    void finish(FCGX_Request* slot);

private:
    FCGX_Request* free_slot();

    std::vector<FCGX_Request> slots_;     // never resized: libfcgi holds pointers into each
    std::vector<unsigned long> used_at_;  // when each slot last served, for closing the idlest
    unsigned long clock_ = 0;
};

}  // namespace qadex::fastcgi
