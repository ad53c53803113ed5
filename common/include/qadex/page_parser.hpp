// Parses scraped Q&A page text (the format of docs/FORMATS.md, "Scraped pages")
// into a Thread: question, "Doctor Answers N", answers with their attribution,
// with page noise (vote templates, disclaimers, site chrome) removed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <qadex/document.hpp>
#include <qadex/error.hpp>

namespace qadex {

// The thread id a page gets when it states none: its path relative to the
// input root, without extension, so it is stable across runs.
// page_id_from_path("pages/botox/atrophy.txt") == "pages/botox/atrophy".
std::string page_id_from_path(std::string_view relative_path);

// Problems that do not stop a page from being indexed (an answer count that
// differs from the page's "Doctor Answers N"): the caller reports and counts
// them; a null sink ignores them.
using PageWarnings = std::vector<InputError>;

// Parses one page. `file` names the page in messages; `default_id` is used
// when the page's front matter states no id.
// Throws InputError("FILE:LINE: reason") for a page that is not readable
// as a Q&A page (empty, binary, invalid UTF-8, no question title, ...).
Thread parse_page(std::string_view text, const std::string& file, const std::string& default_id,
                  PageWarnings* warnings = nullptr);

// One line of page text and the line of the file it came from (1-based; 0
// when unknown), so that messages about a page read from another form
// (HTML) still name a line of that file.
struct PageLine {
    std::string text;
    std::size_t number = 0;
};

// The page grammar (clean-up, Q&A or article) on lines taken from another
// form, without front matter: `thread` brings what is known already (id,
// url) and receives the rest. Throws InputError as parse_page does.
Thread parse_page_lines(std::vector<PageLine> lines, Thread thread, const std::string& file,
                        PageWarnings* warnings = nullptr);

}  // namespace qadex
