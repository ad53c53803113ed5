// Parses scraped Q&A page text (the format of docs/FORMATS.md, "Scraped pages")
// into a Thread: question, "Doctor Answers N", answers with their attribution,
// with page noise (vote templates, disclaimers, site chrome) removed.
#pragma once

#include <string>
#include <string_view>

#include <qadex/document.hpp>

namespace qadex {

// The thread id a page gets when it states none: its path relative to the
// input root, without extension, so it is stable across runs.
// page_id_from_path("pages/botox/atrophy.txt") == "pages/botox/atrophy".
std::string page_id_from_path(std::string_view relative_path);

// Parses one page. `file` names the page in error messages; `default_id`
// is used when the page's front matter states no id.
// Throws InputError("FILE:LINE: reason") for a page that is not readable
// as a Q&A page (empty, binary, invalid UTF-8, no question title, ...).
Thread parse_page(std::string_view text, const std::string& file, const std::string& default_id);

}  // namespace qadex
