// The searcher speaking CGI (qadex.cgi, or qadex-search with GATEWAY_INTERFACE set).
#pragma once

namespace qadex {

// Reads the request from the CGI environment and stdin, writes headers and a
// body to stdout. Always returns 0: errors are reported as HTTP statuses.
int cgi_main();

}  // namespace qadex
