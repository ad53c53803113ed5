// The command language of qadex-search -i, parsed without a terminal.
#include <catch2/catch.hpp>

#include <sstream>

#include "interactive/commands.hpp"
#include "interactive/history.hpp"
#include "interactive/view.hpp"

using namespace qadex;
using namespace qadex::interactive;

namespace {

Command make(CommandKind kind) {
    Command c;
    c.kind = kind;
    return c;
}

Command query(std::string text) {
    Command c = make(CommandKind::query);
    c.text = std::move(text);
    return c;
}

Command numbered(CommandKind kind, std::size_t n) {
    Command c = make(kind);
    c.number = n;
    return c;
}

Command filter(std::string field, std::string value) {
    Command c = make(CommandKind::add_filter);
    c.field = std::move(field);
    c.value = std::move(value);
    return c;
}

Command clear(std::string field) {
    Command c = make(CommandKind::clear_filters);
    c.field = std::move(field);
    return c;
}

Command sorted(SortOrder order) {
    Command c = make(CommandKind::sort);
    c.sort = order;
    return c;
}

std::string error_of(const std::string& line) {
    try {
        parse_command(line);
    } catch (const CommandError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("Lines that are not commands are queries, trimmed", "[interactive]") {
    CHECK(parse_command("does Botox cause atrophy") == query("does Botox cause atrophy"));
    CHECK(parse_command("  \"exact phrase\" AND botox \t") == query("\"exact phrase\" AND botox"));
    CHECK(parse_command("title:botox") == query("title:botox"));
    CHECK(parse_command("next") == query("next"));  // only ':next' and bare 'n' page on
    CHECK(parse_command("N") == query("N"));
    CHECK(parse_command("n botox") == query("n botox"));
    CHECK(parse_command("3 months") == query("3 months"));
}

TEST_CASE("Blank lines do nothing", "[interactive]") {
    CHECK(parse_command("") == make(CommandKind::nothing));
    CHECK(parse_command("   \t ") == make(CommandKind::nothing));
}

TEST_CASE("Commands have a long name, a short name and work with ':' or '/'", "[interactive]") {
    struct Row {
        const char* line;
        CommandKind kind;
    };
    const Row rows[] = {
        {":next", CommandKind::next_page},       {":n", CommandKind::next_page},
        {"n", CommandKind::next_page},           {"/next", CommandKind::next_page},
        {":NEXT", CommandKind::next_page},       {":prev", CommandKind::previous_page},
        {":p", CommandKind::previous_page},      {"p", CommandKind::previous_page},
        {":list", CommandKind::list},            {":l", CommandKind::list},
        {":filter", CommandKind::show_filters},  {":f", CommandKind::show_filters},
        {":facets", CommandKind::facets},        {":all", CommandKind::toggle_all},
        {":a", CommandKind::toggle_all},         {":help", CommandKind::help},
        {":?", CommandKind::help},               {"?", CommandKind::help},
        {":quit", CommandKind::quit},            {":q", CommandKind::quit},
        {"q", CommandKind::quit},                {"  :quit  ", CommandKind::quit},
        {":clear", CommandKind::clear_filters},
    };
    for (const auto& row : rows) {
        INFO(row.line);
        CHECK(parse_command(row.line) == make(row.kind));
    }
}

TEST_CASE(":similar N asks for questions like answer N", "[interactive][related]") {
    CHECK(parse_command(":similar 3") == numbered(CommandKind::similar, 3));
    CHECK(parse_command("/SIMILAR 12") == numbered(CommandKind::similar, 12));
    CHECK(error_of(":similar") == ":similar takes a number from 1 up, not ''");
    CHECK(error_of(":similar x") == ":similar takes a number from 1 up, not 'x'");
    CHECK(command_help().find(":similar N") != std::string::npos);
    CHECK(completions(":sim", 0) == std::vector<std::string>{":similar"});
}

TEST_CASE("A number opens that answer, alone or after :open", "[interactive]") {
    CHECK(parse_command("3") == numbered(CommandKind::open, 3));
    CHECK(parse_command(" 12 ") == numbered(CommandKind::open, 12));
    CHECK(parse_command(":open 1") == numbered(CommandKind::open, 1));
    CHECK(parse_command(":o 7") == numbered(CommandKind::open, 7));
    CHECK(parse_command(":page 4") == numbered(CommandKind::go_to_page, 4));
}

TEST_CASE("Answer and page numbers must be positive whole numbers of sane size", "[interactive]") {
    CHECK(error_of(":open") == ":open takes a number from 1 up, not ''");
    CHECK(error_of(":open 0") == ":open takes a number from 1 up, not '0'");
    CHECK(error_of(":open two") == ":open takes a number from 1 up, not 'two'");
    CHECK(error_of(":open 3x") == ":open takes a number from 1 up, not '3x'");
    CHECK(error_of(":open -1") == ":open takes a number from 1 up, not '-1'");
    CHECK(error_of(":page 99999999999999999999999") == ":page: 99999999999999999999999 is too large");
    CHECK(error_of("0") == "open takes a number from 1 up, not '0'");
    CHECK(error_of("10000001") == "open: 10000001 is too large");
}

TEST_CASE("Filters take FIELD=VALUE with a known field - the value keeps its spaces and case", "[interactive]") {
    CHECK(parse_command(":filter specialty=Dermatologist") == filter("specialty", "Dermatologist"));
    CHECK(parse_command(":filter specialty = Facial Plastic Surgeon ") ==
          filter("specialty", "Facial Plastic Surgeon"));
    CHECK(parse_command(":f Source=qadex-sample") == filter("source", "qadex-sample"));
    CHECK(parse_command(":filter tag=a=b") == filter("tag", "a=b"));
    for (const auto& field : filter_fields()) {
        INFO(field);
        CHECK(parse_command(":filter " + field + "=x") == filter(field, "x"));
    }
}

TEST_CASE("Bad filters are one-line errors naming the fields", "[interactive]") {
    CHECK(error_of(":filter colour=red") ==
          ":filter: unknown field 'colour' (one of: author, specialty, location, source, tag, category)");
    CHECK(error_of(":filter title=botox") ==
          ":filter: unknown field 'title' (one of: author, specialty, location, source, tag, category)");
    CHECK(error_of(":filter specialty") == ":filter takes FIELD=VALUE, e.g. :filter specialty=Dermatologist");
    CHECK(error_of(":filter specialty=  ") == ":filter: give a value after 'specialty='");
    CHECK(error_of(":filter =x") ==
          ":filter: unknown field '' (one of: author, specialty, location, source, tag, category)");
}

TEST_CASE(":clear removes every filter or one field's", "[interactive]") {
    CHECK(parse_command(":clear") == clear(""));
    CHECK(parse_command(":clear Specialty") == clear("specialty"));
    CHECK(error_of(":clear colour") ==
          ":clear: unknown field 'colour' (one of: author, specialty, location, source, tag, category)");
}

TEST_CASE(":sort takes one of the three orders", "[interactive]") {
    CHECK(parse_command(":sort relevance") == sorted(SortOrder::relevance));
    CHECK(parse_command(":sort rating") == sorted(SortOrder::rating));
    CHECK(parse_command(":sort DATE") == sorted(SortOrder::date));
    CHECK(error_of(":sort") == ":sort takes relevance, rating or date, not ''");
    CHECK(error_of(":sort stars") == ":sort takes relevance, rating or date, not 'stars'");
}

TEST_CASE(":search runs text that would otherwise be a command", "[interactive]") {
    CHECK(parse_command(":search n") == query("n"));
    CHECK(parse_command(":s 2024") == query("2024"));
    CHECK(parse_command(":search :next") == query(":next"));
    CHECK(error_of(":search") == ":search needs the text to search");
}

TEST_CASE("Unknown commands and stray arguments are one-line errors", "[interactive]") {
    CHECK(error_of(":nxt") == "unknown command ':nxt' (:help lists them)");
    CHECK(error_of("/frobnicate now") == "unknown command '/frobnicate' (:help lists them)");
    CHECK(error_of(":") == "type a command after ':' (:help lists them)");
    CHECK(error_of(":next 2") == ":next takes no argument");
    CHECK(error_of(":quit now") == ":quit takes no argument");
}

TEST_CASE("Help lists every command and the filter fields", "[interactive]") {
    const std::string help = command_help();
    for (const char* name : {":next", ":prev", ":page N", ":open N", ":list", ":filter FIELD=VALUE", ":clear [FIELD]",
                             ":facets", ":all", ":sort ORDER", ":search TEXT", ":help", ":quit"}) {
        INFO(name);
        CHECK(help.find(name) != std::string::npos);
    }
    CHECK(help.find("author, specialty, location, source, tag, category") != std::string::npos);
    CHECK(help.find("Ctrl-C") != std::string::npos);
    CHECK(help.find("Ctrl-D") != std::string::npos);
}

TEST_CASE("Tab completes command names, filter fields and sort orders", "[interactive]") {
    using V = std::vector<std::string>;
    CHECK(completions(":f", 0) == V{":filter", ":facets"});
    CHECK(completions("/ne", 0) == V{"/next"});
    CHECK(completions(":zz", 0).empty());
    CHECK(completions(":filter sp", 8) == V{"specialty="});
    CHECK(completions(":filter ", 8).size() == filter_fields().size());
    CHECK(completions(":clear lo", 7) == V{"location"});
    CHECK(completions(":sort ra", 6) == V{"rating"});
    CHECK(completions(":filter specialty=Der", 18).empty());  // values are not completed
    CHECK(completions("botox", 0).empty());                     // queries are not completed
    CHECK(completions("does bot", 5).empty());
}

TEST_CASE("History lives in the XDG data directory, else under HOME", "[interactive]") {
    CHECK(history_file("/x/data", "/home/u") == "/x/data/qadex/history");
    CHECK(history_file("", "/home/u") == "/home/u/.local/share/qadex/history");
    CHECK(history_file(nullptr, "/home/u") == "/home/u/.local/share/qadex/history");
    CHECK(history_file(nullptr, nullptr).empty());
}

TEST_CASE("Long answer text wraps at spaces and keeps its paragraphs", "[interactive]") {
    CHECK(wrap("one two three four", 9) == "one two\nthree\nfour");
    CHECK(wrap("para one\n\npara two", 80) == "para one\n\npara two");
    CHECK(wrap("averyveryverylongword fits", 5) == "averyveryverylongword\nfits");
    CHECK(wrap("ééé ééé", 7) == "ééé ééé");  // columns are characters, not bytes
    CHECK(wrap("", 10).empty());
}

TEST_CASE("An answer opened in the session shows no escape sequence or bidi control from the index", "[interactive]") {
    SearchHit hit;
    hit.rank = 1;
    hit.stored.title = "Title \x1b[2J cleared";
    hit.stored.url = "https://example.org/\u202Ereversed";
    hit.stored.question = "Question \x07 bell";
    hit.stored.answer.author = "Dr. \u2067Isolate\u2069";
    hit.stored.answer.title = "Answer \x1b]0;title\x07";
    hit.stored.answer.body = "Body \xc2\x9b" "31m C1 and a\nsecond line";
    std::ostringstream out;
    write_answer(out, hit, ViewStyle{});
    const std::string text = out.str();
    for (const std::string control : {"\x1b", "\x07", "\xc2\x9b", "\u202E", "\u2067", "\u2069"})
        CHECK(text.find(control) == std::string::npos);
    CHECK(text.find("Title \uFFFD[2J cleared") != std::string::npos);
    CHECK(text.find("Dr. Isolate") != std::string::npos);
    CHECK(text.find("a\nsecond line") != std::string::npos);  // newlines are kept
}
