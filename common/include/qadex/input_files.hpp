// Turns the indexer's INPUT arguments (files, directories, "-") into the
// ordered list of input files to read, each with its format.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <qadex/error.hpp>

namespace qadex {

// page: scraped page text; html_page: the same page saved as HTML.
enum class InputFormat { jsonl, page, html_page };

struct InputFile {
    std::filesystem::path path;  // empty for standard input
    std::string display_name;    // how messages name it ("-" shows as "<stdin>")
    InputFormat format = InputFormat::jsonl;
    std::string default_id;      // thread id for a page that states none
};

// The format a file name implies: .jsonl / .ndjson (optionally .gz) are JSON
// Lines, .txt is a scraped page, .html / .htm a scraped page saved as HTML;
// anything else is nullopt.
std::optional<InputFormat> format_of(const std::filesystem::path& path);

// Expands the arguments in order: a file is taken as it is (its extension
// decides the format), a directory is walked recursively in sorted order
// taking only files with a known extension (symbolic links to directories
// are not followed, so link loops cannot recur), "-" is JSON Lines on stdin.
// Only regular files are inputs: a FIFO or a device named as one (or found
// with an input's name in a directory) could block or never end.
// Problems (missing path, unknown extension, not a regular file, unreadable
// directory) are added to `problems` and the rest is still returned.
// "not a regular file (a FIFO)": why a file of this st_mode is not read, or
// "" for a regular file (directories are the caller's business).
std::string not_regular_file_reason(unsigned mode);

std::vector<InputFile> discover_inputs(const std::vector<std::string>& arguments, std::vector<InputError>& problems);

}  // namespace qadex
