// Parsing the lines typed in qadex-search -i (see commands.hpp).
#include "interactive/commands.hpp"

#include <algorithm>
#include <charconv>

#include <qadex/fields.hpp>
#include <qadex/strings.hpp>

namespace qadex::interactive {

namespace {

enum class Argument { none, number, optional_filter, optional_field, sort_order, text };

struct CommandSpec {
    std::string_view name;
    std::string_view short_name;  // empty when none
    bool bare_short;              // the short name works without ':' too
    CommandKind kind;
    Argument argument;
    std::string_view usage;  // the argument as :help shows it
    std::string_view help;
};

// One row per command: parsing, completion and :help all read this table.
constexpr CommandSpec commands[] = {
    {"next", "n", true, CommandKind::next_page, Argument::none, "", "next page of results"},
    {"prev", "p", true, CommandKind::previous_page, Argument::none, "", "previous page"},
    {"page", "", false, CommandKind::go_to_page, Argument::number, " N", "page N"},
    {"open", "o", false, CommandKind::open, Argument::number, " N", "answer N in full (or just type N)"},
    {"similar", "", false, CommandKind::similar, Argument::number, " N", "related questions: others like answer N"},
    {"list", "l", false, CommandKind::list, Argument::none, "", "the current page again"},
    {"filter", "f", false, CommandKind::add_filter, Argument::optional_filter, " FIELD=VALUE",
     "only answers whose FIELD is VALUE; alone: the filters in force"},
    {"clear", "", false, CommandKind::clear_filters, Argument::optional_field, " [FIELD]",
     "remove every filter, or those on FIELD"},
    {"facets", "", false, CommandKind::facets, Argument::none, "", "count the results by"},  // + the facet fields
    {"all", "a", false, CommandKind::toggle_all, Argument::none, "",
     "every matching answer / best answer per question (toggle)"},
    {"sort", "", false, CommandKind::sort, Argument::sort_order, " ORDER", "relevance, rating or date"},
    {"search", "s", false, CommandKind::query, Argument::text, " TEXT", "search TEXT even if it looks like a command"},
    {"help", "?", true, CommandKind::help, Argument::none, "", "this help"},
    {"quit", "q", true, CommandKind::quit, Argument::none, "", "leave the session (or Ctrl-D)"},
};

constexpr std::string_view sort_orders[] = {"relevance", "rating", "date"};

bool is_command_prefix(char c) { return c == ':' || c == '/'; }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const CommandSpec* find_command(std::string_view word) {
    for (const auto& c : commands)
        if (word == c.name || (!c.short_name.empty() && word == c.short_name)) return &c;
    return nullptr;
}

std::string field_list() { return join(filter_fields(), ", "); }

std::string known_field(std::string_view word, std::string_view command) {
    std::string field = ascii_lower(trim(word));
    const auto& fields = filter_fields();
    if (std::find(fields.begin(), fields.end(), field) == fields.end())
        throw CommandError(std::string(command) + ": unknown field '" + std::string(trim(word)) + "' (one of: " +
                           field_list() + ")");
    return field;
}

// A positive number; answer and page numbers beyond this cannot exist.
std::size_t parse_number(std::string_view text, std::string_view command) {
    constexpr std::size_t max_number = 10'000'000;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size())
        throw CommandError(std::string(command) + " takes a number from 1 up, not '" + std::string(text) + "'");
    if (ec == std::errc::result_out_of_range || n > max_number)
        throw CommandError(std::string(command) + ": " + std::string(text) + " is too large");
    if (n == 0) throw CommandError(std::string(command) + " takes a number from 1 up, not '" + std::string(text) + "'");
    return n;
}

Command with_argument(const CommandSpec& spec, std::string_view argument, std::string_view shown_name) {
    Command c;
    c.kind = spec.kind;
    std::string command = std::string(shown_name);
    switch (spec.argument) {
        case Argument::none:
            if (!argument.empty()) throw CommandError(command + " takes no argument");
            break;
        case Argument::number:
            c.number = parse_number(argument, command);
            break;
        case Argument::optional_filter: {
            if (argument.empty()) {
                c.kind = CommandKind::show_filters;
                break;
            }
            auto eq = argument.find('=');
            if (eq == std::string_view::npos)
                throw CommandError(command + " takes FIELD=VALUE, e.g. " + command + " specialty=Dermatologist");
            c.field = known_field(argument.substr(0, eq), command);
            c.value = std::string(trim(argument.substr(eq + 1)));
            if (c.value.empty()) throw CommandError(command + ": give a value after '" + c.field + "='");
            break;
        }
        case Argument::optional_field:
            if (!argument.empty()) c.field = known_field(argument, command);
            break;
        case Argument::sort_order: {
            std::string order = ascii_lower(argument);
            if (order == "relevance") c.sort = SortOrder::relevance;
            else if (order == "rating") c.sort = SortOrder::rating;
            else if (order == "date") c.sort = SortOrder::date;
            else throw CommandError(command + " takes relevance, rating or date, not '" + std::string(argument) + "'");
            break;
        }
        case Argument::text:
            if (argument.empty()) throw CommandError(command + " needs the text to search");
            c.text = std::string(argument);
            break;
    }
    return c;
}

}  // namespace

Command parse_command(std::string_view line) {
    line = trim(line);
    if (line.empty()) return {};
    if (is_command_prefix(line.front())) {
        std::string_view body = line.substr(1);
        auto space = std::find_if(body.begin(), body.end(), is_ascii_space) - body.begin();
        std::string word = ascii_lower(body.substr(0, static_cast<std::size_t>(space)));
        std::string shown = std::string(1, line.front()) + word;
        if (word.empty()) throw CommandError("type a command after '" + shown + "' (:help lists them)");
        const CommandSpec* spec = find_command(word);
        if (!spec) throw CommandError("unknown command '" + shown + "' (:help lists them)");
        return with_argument(*spec, trim(body.substr(static_cast<std::size_t>(space))), shown);
    }
    if (all_digits(line)) {
        Command c;
        c.kind = CommandKind::open;
        c.number = parse_number(line, "open");
        return c;
    }
    for (const auto& spec : commands)
        if (spec.bare_short && line == spec.short_name) return with_argument(spec, {}, spec.short_name);
    Command c;
    c.kind = CommandKind::query;
    c.text = std::string(line);
    return c;
}

std::string command_help() {
    std::string help =
        "Type a question to search. Commands start with ':' (or '/'); a short form is in brackets.\n";
    for (const auto& spec : commands) {
        std::string left = "  :" + std::string(spec.name) + std::string(spec.usage);
        if (!spec.short_name.empty())
            left += " [" + std::string(spec.bare_short ? "" : ":") + std::string(spec.short_name) + "]";
        if (left.size() < 26) left.resize(26, ' ');
        else left += "  ";
        help += left;
        help += spec.help;
        if (spec.kind == CommandKind::facets) help.append(" ").append(join(facet_fields(), ", "));
        help += '\n';
    }
    help += "A number alone opens that answer. FIELD is one of: " + field_list() +
            "; repeat a field for OR.\n"
            "Ctrl-C cancels the line being typed, Up and Down recall earlier lines, Ctrl-D leaves.\n";
    return help;
}

std::vector<std::string> completions(std::string_view line, std::size_t word_start) {
    word_start = std::min(word_start, line.size());
    std::string_view word = line.substr(word_start), before = line.substr(0, word_start);
    std::vector<std::string> out;
    auto offer = [&](const std::string& candidate) {
        if (candidate.compare(0, word.size(), word) == 0) out.push_back(candidate);
    };
    if (trim(before).empty()) {
        // The command name itself.
        if (!word.empty() && is_command_prefix(word.front()))
            for (const auto& spec : commands) offer(word.front() + std::string(spec.name));
        return out;
    }
    // The first argument of a command: "<:name><spaces>" precedes the word.
    std::string_view typed = trim(before);
    if (!is_command_prefix(typed.front()) || before.size() == typed.size() ||
        std::any_of(typed.begin(), typed.end(), is_ascii_space))
        return out;
    const CommandSpec* spec = find_command(ascii_lower(typed.substr(1)));
    if (!spec) return out;
    if (spec->argument == Argument::optional_filter)
        for (const auto& f : filter_fields()) offer(f + "=");
    if (spec->argument == Argument::optional_field)
        for (const auto& f : filter_fields()) offer(f);
    if (spec->argument == Argument::sort_order)
        for (auto order : sort_orders) offer(std::string(order));
    return out;
}

}  // namespace qadex::interactive
