// qadex-search -i as people and scripts use it: the real program on a real
// database built from corpus/, typed at through a real pseudo-terminal
// (a private tmux server) or fed through a pipe.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <xapian.h>

#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>

#include "test_support.hpp"

using namespace qadex;
namespace fs = std::filesystem;

namespace {

const std::set<std::string> botox_atrophy_titles{
    "Has ten years of Botox atrophied my forehead? My veins show now.",
    "Will years of Botox make my forehead muscles waste away?",
    "Can repeated Botox cause permanent muscle atrophy after I stop?",
};

std::string corpus_db(const test::TempDir& dir) {
    auto db = (dir / "db").string();
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", (test::source_dir() / "corpus").string()});
    REQUIRE(r.exit_code == 0);
    return db;
}

// The first executable called `name` on $PATH, or empty.
std::string find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
        if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return {};
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && line.back() == ' ') line.pop_back();  // the pane pads with spaces
        lines.push_back(line);
    }
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + '\n';
    return out;
}

// Runs of whitespace as one space: wrapped text compares with the original.
std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : c);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

std::size_t columns(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The line "1. TITLE  [NN%]" of a page, without the rank and score.
std::string title_of_rank(const std::vector<std::string>& lines, std::size_t rank) {
    const std::string prefix = std::to_string(rank) + ". ";
    for (const auto& line : lines)
        if (starts_with(line, prefix)) return line.substr(prefix.size(), line.rfind("  [") - prefix.size());
    return {};
}

StoredAnswer stored_answer(const std::string& db_path, const std::string& answer_id) {
    Xapian::Database db(db_path);
    auto it = db.postlist_begin(std::string(schema::prefix::answer_id) + answer_id);
    REQUIRE(it != db.postlist_end(std::string(schema::prefix::answer_id) + answer_id));
    return decode_stored_answer(db.get_document(*it).get_data());
}

// A qadex-search -i session in a detached tmux window of 120x40 on a
// private server (its socket in the test's directory), with HOME and
// XDG_DATA_HOME inside that directory so the user's history is untouched.
//
// A shell between tmux and the program records its exit status in a file:
// tmux 3.3 sometimes never reaps a pane's process (pane_dead without
// pane_dead_status; tmux/tmux#4841 is about the same race). Its trap makes
// the shell outlive Ctrl-C, and is reset to the default in the program.
class Terminal {
public:
    static constexpr const char* prompt = "qadex>";

    Terminal(const test::TempDir& dir, const std::string& db, const std::string& name = "tmux")
        : tmux_(find_program("tmux")), socket_((dir / (name + ".sock")).string()),
          status_file_(dir / (name + ".status")) {
        if (tmux_.empty()) QADEX_SKIP("tmux is not installed (scripts/install-deps --test)");
        auto r = tmux({"-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-s", "qadex", "/usr/bin/env",
                       "-u", "QADEX_DB", "LANG=C.UTF-8", "HOME=" + (dir / "home").string(),
                       "XDG_DATA_HOME=" + (dir / "data").string(), "STATUS_FILE=" + status_file_.string(), "/bin/sh",
                       "-c", "trap : INT; \"$0\" \"$@\"; echo $? > \"$STATUS_FILE\"", test::search_tool(), "-i",
                       "--db", db, ";", "set-option", "-g", "remain-on-exit", "on"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        wait_until("the first prompt", [](const auto& lines) { return !lines.empty() && lines.back() == prompt; });
    }
    ~Terminal() { tmux({"kill-server"}); }
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    void type(const std::string& text) { REQUIRE(tmux({"send-keys", "-t", "qadex", "-l", text}).exit_code == 0); }
    void press(const std::string& key) { REQUIRE(tmux({"send-keys", "-t", "qadex", key}).exit_code == 0); }
    void resize(int columns) {
        REQUIRE(tmux({"resize-window", "-t", "qadex", "-x", std::to_string(columns), "-y", "40"}).exit_code == 0);
    }

    // The whole pane with its scrollback, wrapped lines joined.
    std::vector<std::string> lines(bool with_escapes = false) {
        std::vector<std::string> args{"capture-pane", "-p", "-J", "-S", "-", "-t", "qadex"};
        if (with_escapes) args.push_back("-e");
        return split_lines(tmux(args).out);
    }

    // Polls the pane until `done` holds (20 s at most: sanitizer builds are slow).
    std::vector<std::string> wait_until(const std::string& what,
                                        const std::function<bool(const std::vector<std::string>&)>& done) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        for (;;) {
            auto now = lines();
            if (done(now)) return now;
            if (std::chrono::steady_clock::now() > deadline) {
                INFO("pane:\n" << join(now));
                FAIL("timed out waiting for " << what);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    // The line on which the cursor is (the last one), once it reads `expected`.
    void wait_for_input_line(const std::string& expected) {
        wait_until("the input line '" + expected + "'",
                   [&](const auto& lines) { return !lines.empty() && lines.back() == expected; });
    }

    // Types `line` and Enter; returns what the program printed before its
    // next prompt (standard output and errors, as the user sees them).
    std::vector<std::string> run(const std::string& line) {
        const std::size_t before = prompt_count(lines());
        type(line);
        press("Enter");
        std::string echo = std::string(prompt) + " " + line;
        while (echo.back() == ' ') echo.pop_back();  // as split_lines() trims
        return output_after(before, echo);
    }

    // What follows the prompt number `before` (that shows `echo`) up to the next, empty, prompt.
    std::vector<std::string> output_after(std::size_t before, const std::string& echo) {
        auto now = wait_until("the prompt after '" + echo + "'", [&](const auto& lines) {
            return prompt_count(lines) == before + 1 && lines.back() == prompt;
        });
        std::vector<std::size_t> at;
        for (std::size_t i = 0; i < now.size(); ++i)
            if (starts_with(now[i], prompt)) at.push_back(i);
        CHECK(now[at[before - 1]] == echo);
        return {now.begin() + static_cast<std::ptrdiff_t>(at[before - 1]) + 1,
                now.begin() + static_cast<std::ptrdiff_t>(at[before])};
    }

    static std::size_t prompt_count(const std::vector<std::string>& lines) {
        std::size_t n = 0;
        for (const auto& l : lines) n += starts_with(l, prompt);
        return n;
    }

    bool running() const { return !fs::exists(status_file_); }

    // The program's exit status once it has exited (-1 if not within 20 s).
    int wait_for_exit() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        for (;;) {
            std::string status = running() ? "" : test::read_file(status_file_);
            if (!status.empty() && status.back() == '\n') return std::stoi(status);
            if (std::chrono::steady_clock::now() > deadline) {
                WARN("no exit status; pane:\n" << join(lines()));
                return -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

private:
    test::ProcessResult tmux(std::vector<std::string> args) {
        args.insert(args.begin(), {tmux_, "-S", socket_});
        return test::run_process(args);
    }

    std::string tmux_;
    std::string socket_;
    fs::path status_file_;
};

fs::path history_path(const test::TempDir& dir) { return dir / "data" / "qadex" / "history"; }

// qadex-search -i with `input` on a pipe; HOME and XDG_DATA_HOME in `dir`.
test::ProcessResult run_piped(const test::TempDir& dir, const std::string& db, const std::string& input,
                              std::vector<std::string> options = {}) {
    std::vector<std::string> argv{test::search_tool(), "-i", "--db", db};
    argv.insert(argv.end(), options.begin(), options.end());
    return test::run_process(argv, input,
                             {"HOME=" + (dir / "home").string(), "XDG_DATA_HOME=" + (dir / "data").string()});
}

std::string one_shot(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> argv{test::search_tool(), "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = test::run_process(argv);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

}  // namespace

// ---- On a real terminal ----------------------------------------------------

TEST_CASE("Interactive: a question typed at the prompt shows a page of results, :next and :prev page on",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    Terminal term(dir, db);
    const auto welcome = term.lines().front();
    CHECK(welcome == std::to_string(Xapian::Database(db).get_doccount()) +
                         " answers. Type a question; :help lists the commands, Ctrl-D leaves.");

    auto page1 = term.run("does Botox cause atrophy");
    REQUIRE(!page1.empty());
    CHECK(starts_with(page1.front(), "Answers 1-10 of "));
    CHECK(page1.front().find("(best answer per question)") != std::string::npos);
    const std::string first = title_of_rank(page1, 1);
    CHECK(botox_atrophy_titles.count(first) == 1);
    CHECK(!title_of_rank(page1, 10).empty());
    CHECK(title_of_rank(page1, 11).empty());
    CHECK(starts_with(page1.back(), "Page 1 of "));
    CHECK(page1.back().find(" n: next page, 1-10: open an answer, :help: commands") != std::string::npos);

    // On a terminal the titles are bold and matched words highlighted.
    const std::string escaped = join(term.lines(true));
    CHECK(escaped.find("1. \033[1m" + first) != std::string::npos);
    CHECK(escaped.find("\033[1m\033[33mBotox\033[0m") != std::string::npos);
    CHECK(join(page1).find("**") == std::string::npos);

    auto page2 = term.run(":next");
    REQUIRE(!page2.empty());
    CHECK(starts_with(page2.front(), "Answers 11-20 of "));
    CHECK(!title_of_rank(page2, 11).empty());
    CHECK(title_of_rank(page2, 1).empty());
    CHECK(page2.back().find(" p: previous, 11-20: open an answer") != std::string::npos);

    auto back = term.run(":prev");
    REQUIRE(!back.empty());
    CHECK(starts_with(back.front(), "Answers 1-10 of "));
    CHECK(title_of_rank(back, 1) == first);

    CHECK(term.run(":prev") == std::vector<std::string>{"This is the first page."});
    CHECK(term.running());
}

TEST_CASE("Interactive: :open N and a bare number show the whole answer with author, date and URL",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto j = nlohmann::json::parse(one_shot(db, {"--format", "json", "does Botox cause atrophy"}));
    const auto first = stored_answer(db, j["results"][0]["answer_id"].get<std::string>());
    const auto third = stored_answer(db, j["results"][2]["answer_id"].get<std::string>());

    Terminal term(dir, db);
    term.run("does Botox cause atrophy");
    auto opened = term.run(":open 1");
    REQUIRE(opened.size() > 5);
    CHECK(opened[0] == "1. " + first.title);
    CHECK(starts_with(opened[1], "   " + first.answer.author + " · " + first.answer.specialty + " · "));
    CHECK(opened[1].find(" · " + first.answer.date) != std::string::npos);
    CHECK(opened[2] == "   " + first.url);
    const std::string text = squeeze(join(opened));
    CHECK(text.find(squeeze("Question: " + first.question)) != std::string::npos);
    CHECK(text.find(squeeze(first.answer.body)) != std::string::npos);  // the whole body, not a snippet
    for (std::size_t i = 3; i < opened.size(); ++i) CHECK(columns(opened[i]) <= 100);  // wrapped text

    auto by_number = term.run("3");
    REQUIRE(!by_number.empty());
    CHECK(by_number[0] == "3. " + third.title);
    CHECK(squeeze(join(by_number)).find(squeeze(third.answer.body)) != std::string::npos);

    // Past the page on screen: fetched without moving the page.
    auto later = term.run(":open 12");
    REQUIRE(!later.empty());
    CHECK(starts_with(later[0], "12. "));
    auto listed = term.run(":list");
    REQUIRE(!listed.empty());
    CHECK(starts_with(listed.front(), "Answers 1-10 of "));

    CHECK(term.run(":open 5000") == std::vector<std::string>{"qadex-search: no answer 5000 in these results"});

    // A narrower terminal wraps at its new width.
    term.resize(60);
    auto narrow = term.run(":open 1");
    REQUIRE(narrow.size() > 5);
    CHECK(squeeze(join(narrow)).find(squeeze(first.answer.body)) != std::string::npos);
    for (std::size_t i = 3; i < narrow.size(); ++i) {
        INFO(narrow[i]);
        CHECK(columns(narrow[i]) <= 60);
    }
}

TEST_CASE("Interactive: filters narrow the results, facets count them, mistakes are one-line errors",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    Terminal term(dir, db);

    CHECK(term.run(":frobnicate") == std::vector<std::string>{"qadex-search: unknown command ':frobnicate' (:help lists them)"});
    CHECK(term.run(":next") == std::vector<std::string>{"qadex-search: nothing to page through yet: type a question first"});

    auto all = term.run("botox");
    REQUIRE(!all.empty());
    auto filtered = term.run(":filter specialty=Dermatologist");
    REQUIRE(filtered.size() > 3);
    CHECK(filtered[0] == "filters: specialty=Dermatologist");
    CHECK(starts_with(filtered[1], "Answers 1-"));
    std::size_t results = 0;
    for (std::size_t i = 0; i + 1 < filtered.size(); ++i) {
        if (title_of_rank({filtered[i]}, results + 1).empty()) continue;
        ++results;
        INFO(filtered[i + 1]);
        CHECK(filtered[i + 1].find(" · Dermatologist · ") != std::string::npos);  // the author line
    }
    CHECK(results >= 3);

    CHECK(term.run(":filter colour=red") ==
          std::vector<std::string>{"qadex-search: :filter: unknown field 'colour' (one of: author, specialty, "
                                   "location, source, tag, category)"});
    CHECK(term.run(":filter") == std::vector<std::string>{"filters: specialty=Dermatologist"});

    // Counted under the filter: one specialty left.
    auto facets = term.run(":facets");
    std::string specialties;
    for (const auto& line : facets)
        if (starts_with(line, "specialty: ")) specialties = line;
    {
        INFO(join(facets));
        CHECK(starts_with(specialties, "specialty: Dermatologist ("));
        CHECK(specialties.find(", ") == std::string::npos);
        CHECK(facets.back() == "Narrow down with :filter FIELD=VALUE.");
    }

    auto cleared = term.run(":clear");
    REQUIRE(cleared.size() > 2);
    CHECK(cleared[0] == "filters: none");
    CHECK(std::vector<std::string>(cleared.begin() + 1, cleared.end()) == all);

    auto help = term.run(":help");
    REQUIRE(!help.empty());
    CHECK(starts_with(help.front(), "Type a question to search."));
    CHECK(term.running());
}

TEST_CASE("Interactive: Ctrl-C cancels the line being typed and the session goes on", "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    Terminal term(dir, db);
    const std::size_t before = Terminal::prompt_count(term.lines());
    term.type("half typed question");
    term.wait_for_input_line("qadex> half typed question");
    term.press("C-c");
    // A fresh, empty prompt on the next line; nothing was searched.
    auto out = term.output_after(before, "qadex> half typed question^C");
    CHECK(out.empty());
    CHECK(term.running());

    auto page = term.run("does Botox cause atrophy");
    REQUIRE(!page.empty());
    CHECK(botox_atrophy_titles.count(title_of_rank(page, 1)) == 1);

    // Ctrl-C while browsing history drops back to an empty line too.
    term.press("Up");
    term.wait_for_input_line("qadex> does Botox cause atrophy");
    term.press("C-c");
    term.wait_for_input_line("qadex>");
    term.press("C-d");
    CHECK(term.wait_for_exit() == 0);
    CHECK(test::read_file(history_path(dir)) == "does Botox cause atrophy\n");
}

TEST_CASE("Interactive: Up-arrow recalls earlier lines, Ctrl-D exits 0 and the history keeps each line once",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    Terminal term(dir, db);
    term.run("does Botox cause atrophy");
    term.run(":next");
    term.run("does Botox cause atrophy");  // again: moves to the end, not saved twice
    term.run("");                          // blank lines are not saved
    term.run("   ");

    term.press("Up");
    term.wait_for_input_line("qadex> does Botox cause atrophy");
    term.press("Up");
    term.wait_for_input_line("qadex> :next");
    term.press("Down");
    term.wait_for_input_line("qadex> does Botox cause atrophy");
    // Recalled lines run like typed ones.
    const std::size_t before = Terminal::prompt_count(term.lines());
    term.press("Enter");
    auto page = term.output_after(before, "qadex> does Botox cause atrophy");
    REQUIRE(!page.empty());
    CHECK(starts_with(page.front(), "Answers 1-10 of "));

    // Line editing works by characters, accents included.
    term.type("author:Alcxántara");
    for (int i = 0; i < 6; ++i) term.press("Left");
    term.press("BSpace");
    term.wait_for_input_line("qadex> author:Alcántara");
    const std::size_t before_accent = Terminal::prompt_count(term.lines());
    term.press("Enter");
    auto accented = term.output_after(before_accent, "qadex> author:Alcántara");
    CHECK(join(accented).find("Rupert Alcántara, DO") != std::string::npos);

    term.type(":ne");  // Ctrl-D only deletes while there is text
    term.press("C-a");
    term.press("C-d");
    term.wait_for_input_line("qadex> ne");
    CHECK(term.running());
    term.press("C-e");
    term.press("C-u");
    term.wait_for_input_line("qadex>");
    term.press("C-d");
    CHECK(term.wait_for_exit() == 0);

    CHECK(test::read_file(history_path(dir)) == ":next\ndoes Botox cause atrophy\nauthor:Alcántara\n");
    CHECK((fs::status(history_path(dir)).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
          fs::perms::none);  // questions can be private
}

TEST_CASE("Interactive: a new session recalls the previous session's lines with Up-arrow, up to 1000 of them",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    // A long history from earlier sessions: only the last 1000 lines are kept.
    fs::create_directories(history_path(dir).parent_path());
    std::string old_lines;
    for (int i = 1; i <= 1200; ++i) old_lines += "old question " + std::to_string(i) + "\n";
    test::write_file(history_path(dir), old_lines);
    {
        Terminal first(dir, db, "first");
        first.run("sculptra nodules");
        first.press("C-d");
        CHECK(first.wait_for_exit() == 0);
    }
    auto kept = split_lines(test::read_file(history_path(dir)));
    REQUIRE(kept.size() == 1000);
    CHECK(kept.front() == "old question 202");
    CHECK(kept[998] == "old question 1200");
    CHECK(kept.back() == "sculptra nodules");

    Terminal second(dir, db, "second");
    const std::size_t before = Terminal::prompt_count(second.lines());
    second.press("Up");
    second.wait_for_input_line("qadex> sculptra nodules");
    second.press("Enter");
    auto page = second.output_after(before, "qadex> sculptra nodules");
    REQUIRE(!page.empty());
    CHECK(title_of_rank(page, 1) == "Hard lumps under my skin four months after Sculptra");
}

// ---- With piped input -------------------------------------------------------

TEST_CASE("Interactive with piped input runs each line without prompts, escape codes or history",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = run_piped(dir, db, "does Botox cause atrophy\n:next\n:open 1\n:quit\nnever searched\n");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find('\033') == std::string::npos);
    CHECK(r.out.find("qadex>") == std::string::npos);
    auto lines = split_lines(r.out);
    CHECK(botox_atrophy_titles.count(title_of_rank(lines, 1)) == 1);
    CHECK(std::count_if(lines.begin(), lines.end(), [](const auto& l) { return starts_with(l, "1. "); }) ==
          2);  // on its page, then opened
    CHECK(r.out.find("\nAnswers 11-20 of ") != std::string::npos);
    CHECK(r.out.find("**Botox**") != std::string::npos);  // highlights without colour
    CHECK(r.out.find("never searched") == std::string::npos);  // nothing runs after :quit
    CHECK(!fs::exists(dir / "data"));
    CHECK(!fs::exists(dir / "home"));
}

TEST_CASE("Interactive pages are the one-shot pages for the same query, filters, collapsing and sort",
          "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = run_piped(dir, db, "botox\n:all\n:sort date\n:filter specialty=Neurologist\n:clear specialty\n:sort relevance\n:all\n");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const std::string plain = one_shot(db, {"botox"}), all = one_shot(db, {"--all-answers", "botox"}),
                      all_by_date = one_shot(db, {"--all-answers", "--sort", "date", "botox"}),
                      neurologists =
                          one_shot(db, {"--all-answers", "--sort", "date", "-f", "specialty=Neurologist", "botox"});
    // Each setting's message, then exactly the one-shot page, then a one-line hint.
    std::size_t at = 0;
    for (const std::string& expected : {plain, std::string("Showing every matching answer.\n") + all,
                                        std::string("Sorting by date.\n") + all_by_date,
                                        std::string("filters: specialty=Neurologist\n") + neurologists,
                                        std::string("filters: none\n") + all_by_date,
                                        std::string("Sorting by relevance.\n") + all,
                                        std::string("Showing the best answer per question.\n") + plain}) {
        auto found = r.out.find(expected, at);
        INFO("expected at offset " << at << ":\n" << expected << "\ngot:\n" << r.out.substr(at, 2000));
        REQUIRE(found == at);
        at = found + expected.size();
        REQUIRE(r.out.compare(at, 5, "Page ") == 0);
        at = r.out.find('\n', at) + 1;
    }
    CHECK(at == r.out.size());
}

TEST_CASE("Interactive errors in piped input are one line each and the session goes on", "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = run_piped(dir, db,
                       ":prev\n3\n:nxt\n:filter colour=red\n:clear tag\n:sort stars\nbad \xff\xfe query\n"
                       "botox\n:open 999\n:page 999\n:facets\n");
    CHECK(r.exit_code == 0);
    CHECK(r.err ==
          "qadex-search: nothing to page through yet: type a question first\n"
          "qadex-search: nothing to open yet: type a question first\n"
          "qadex-search: unknown command ':nxt' (:help lists them)\n"
          "qadex-search: :filter: unknown field 'colour' (one of: author, specialty, location, source, tag, category)\n"
          "qadex-search: no filter on tag to clear\n"
          "qadex-search: :sort takes relevance, rating or date, not 'stars'\n"
          "qadex-search: the query is not valid UTF-8\n"
          "qadex-search: no answer 999 in these results\n");
    CHECK(starts_with(r.out, "Answers 1-10 of "));
    CHECK(r.out.find("No page 999: the results end before it.\n") != std::string::npos);
    CHECK(r.out.find("\nspecialty: ") != std::string::npos);
}

TEST_CASE("Interactive :similar N shows the one-shot --similar page of that result, and the search stays current",
          "[cli][interactive][related]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = run_piped(dir, db, "does Botox cause atrophy\n:similar 2\n:similar 99\n:open 1\n");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err == "qadex-search: no answer 99 in these results\n");
    const auto search_page = split_lines(one_shot(db, {"--format", "json", "does Botox cause atrophy"}));
    const auto results = nlohmann::json::parse(search_page.front())["results"];
    const std::string second = results[1]["answer_id"];
    const std::string related = one_shot(db, {"--similar", second});
    CHECK(starts_with(related, "Related questions: like \""));
    CHECK(r.out.find(related) != std::string::npos);
    // :open 1 still opens the search's first result.
    const std::string first_title = results[0]["title"];
    const auto related_at = r.out.find(related);
    REQUIRE(related_at != std::string::npos);
    CHECK(r.out.find("1. " + first_title + "\n", related_at + related.size()) != std::string::npos);
}

TEST_CASE("Interactive starts with the command line's filters and page size", "[cli][interactive]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = run_piped(dir, db, ":filter\nbotox\n", {"-f", "specialty=Neurologist", "-n", "3"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "filters: specialty=Neurologist\n" +
                       one_shot(db, {"-f", "specialty=Neurologist", "-n", "3", "botox"}) +
                       split_lines(r.out).back() + "\n");
    CHECK(starts_with(split_lines(r.out).back(), "Page 1 of 2. n: next page, 1-3: open an answer"));
}
