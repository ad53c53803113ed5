// The frame every HTML page shares: head with the inline style sheet (no
// external assets), the search box keeping the query and filters, the
// footer; and the pages that are only that frame and a message.
#pragma once

#include <string>

#include "web/request.hpp"

namespace qadex::html {

// Everything up to and including <main>. `title` is raw text (escaped here).
std::string page_start(const std::string& title, const WebRequest& request);
// Closes <main> and the page.
std::string page_end();

// The landing page: an empty search box and what may be typed in it.
std::string landing_page(const WebRequest& request);

// An error page for `status` with a message of ours. The search box keeps
// the request's query when it was readable (`request` may be null).
std::string error_page(int status, const std::string& message, const WebRequest* request);

}  // namespace qadex::html
