// The command language of qadex-search -i: one typed line becomes a Command.
// Pure parsing (no terminal, no database), so every rule is unit-tested.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <qadex/error.hpp>

#include "engine/search_engine.hpp"

namespace qadex::interactive {

enum class CommandKind {
    nothing,        // a blank line
    query,          // text: the query
    next_page,
    previous_page,
    go_to_page,     // number: the page
    open,           // number: the rank shown before the result
    similar,        // number: related questions of the answer with that rank
    list,           // the current page again
    add_filter,     // field, value
    show_filters,
    clear_filters,  // field, or empty for all
    facets,
    toggle_all,     // every answer <-> best answer per question
    sort,           // sort
    help,
    quit,
};

struct Command {
    CommandKind kind = CommandKind::nothing;
    std::string text;   // query
    std::string field;  // add_filter, clear_filters (lower case, one of filter_fields())
    std::string value;  // add_filter
    std::size_t number = 0;  // go_to_page, open, similar (at least 1)
    SortOrder sort = SortOrder::relevance;

    bool operator==(const Command&) const = default;
};

// A line that looks like a command but is not a valid one. what() is one
// line for the user, e.g. "unknown command ':nxt' (:help lists them)".
class CommandError : public Error {
public:
    using Error::Error;
};

// Lines starting with ':' (or '/') are commands, as in vi and less; so are
// the bare shortcuts "n", "p", "q", "?" and a number (open that answer).
// Anything else is a query. Throws CommandError.
Command parse_command(std::string_view line);

// The text of :help.
std::string command_help();

// Tab completion: the candidates for the word [word_start, end of `line`)
// of a line typed so far: command names, filter fields, sort orders.
std::vector<std::string> completions(std::string_view line, std::size_t word_start);

}  // namespace qadex::interactive
