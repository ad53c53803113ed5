// qadex-search's command line: what to search, how, and how to print it.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "engine/search_engine.hpp"

namespace qadex {

enum class OutputFormat { text, json, jsonl, trec };

// --color: "auto" colours a terminal unless $NO_COLOR is set or $TERM is dumb.
enum class ColorMode { automatic, always, never };

enum class SearchMode {
    one_shot,     // QUERY... on the command line
    batch,        // --batch FILE: one "qid<TAB>query" per line
    interactive,  // -i, or no query with stdin and stdout on a terminal
    suggest,      // --suggest TEXT: completions as JSON (engine/suggest.hpp)
};

struct SearchOptions {
    std::string database;
    SearchRequest request;  // the query and every per-search setting
    OutputFormat format = OutputFormat::text;
    SearchMode mode = SearchMode::one_shot;
    std::string batch_file;  // "-" is stdin
    std::string suggest_text;  // --suggest: what was typed so far
    std::string similar;     // --similar ID: related questions instead of a search
    std::string thread;      // --thread ID: one question, its answers and related questions
    ColorMode color_mode = ColorMode::automatic;  // --color WHEN
    bool color = false;      // ANSI highlights: decided by use_color() (cli/color_choice.hpp)
    RankingSettings ranking; // defaults, or --ranking KEY=VALUE (experiments)
    DatabaseOpenOptions open; // --timeout, else $QADEX_REMOTE_TIMEOUT (remote shards)
};

// Parses argv. Prints --help/--version to `out` and returns nullopt for them.
// Throws boost::program_options::error for bad usage (exit_code::usage).
// `on_terminal`: stdin and stdout are both terminals (no query means -i).
std::optional<SearchOptions> parse_search_options(int argc, const char* const argv[], std::ostream& out,
                                                  bool on_terminal);

// The one-line usage, for error messages.
const char* search_usage_line();


}  // namespace qadex
