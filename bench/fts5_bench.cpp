// bench_fts5: SQLite FTS5 on the same documents and queries as qadex-search,
// the in-process reference of bench/search-bench (see bench/README.md).
//
//   bench_fts5 build DB INPUT.jsonl[.gz]
//       (Re)creates DB with one FTS5 table "answers", one row per answer:
//       answer_id (not indexed), title, question, body; tokenizer
//       "porter unicode61 remove_diacritics 2"; all rows in one transaction,
//       then FTS5's 'optimize' (one b-tree segment, as a deployed index would be).
//   bench_fts5 query DB QUERIES.tsv [--snippet] [--depth N]
//       For each "qid<TAB>query" line: turns the query into an FTS5 OR of its
//       quoted words, runs
//         SELECT answer_id, title, body FROM answers WHERE answers MATCH ?
//         ORDER BY rank LIMIT N        (rank = bm25(answers), default N = 10)
//       reading every column of every row, and prints "qid<TAB>ms<TAB>rows".
//       With --snippet, also selects snippet(answers, 3, ...) of the body.
//       The time covers binding, stepping through the rows and reading them
//       (the statement is prepared once).
//   bench_fts5 match QUERY
//       Prints the FTS5 query a query becomes.
//
// Exit 0 on success, 1 on an I/O or SQLite error, 2 on bad usage.
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "jsonl_input.hpp"

namespace {

using bench::GzLineReader;
using bench::string_field;

// RAII owner of a connection; every failure becomes an exception.
class Db {
public:
    explicit Db(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open '" + path + "': " + msg);
        }
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw std::runtime_error(msg + " in: " + sql);
        }
    }
    void check(int rc, const char* what) const {
        if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
            throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
    }
    sqlite3* get() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    Statement(Db& db, const std::string& sql) : db_(db) {
        db.check(sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &stmt_, nullptr), "prepare");
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, const std::string& text) {
        db_.check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
                  "bind");
    }
    void bind(int index, int value) { db_.check(sqlite3_bind_int(stmt_, index, value), "bind"); }
    // true while there is a row
    bool step() {
        int rc = sqlite3_step(stmt_);
        db_.check(rc, "step");
        return rc == SQLITE_ROW;
    }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    sqlite3_stmt* get() const { return stmt_; }

private:
    Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

int build(const std::string& db_path, const std::string& input) {
    std::remove(db_path.c_str());
    Db db(db_path);
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
    db.exec("CREATE VIRTUAL TABLE answers USING fts5(answer_id UNINDEXED, title, question, body, "
            "tokenize='porter unicode61 remove_diacritics 2')");
    db.exec("BEGIN");
    Statement insert(db, "INSERT INTO answers(answer_id, title, question, body) VALUES (?1, ?2, ?3, ?4)");
    GzLineReader reader(input);
    std::string line;
    std::size_t rows = 0, line_number = 0;
    auto start = std::chrono::steady_clock::now();
    while (reader.next(line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json thread;
        try {
            thread = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            std::cerr << input << ':' << line_number << ": " << e.what() << '\n';
            continue;
        }
        const std::string title = string_field(thread, "title"), question = string_field(thread, "question");
        auto answers = thread.find("answers");
        if (answers == thread.end() || !answers->is_array()) continue;
        for (const auto& answer : *answers) {
            const std::string id = string_field(answer, "id");
            if (id.empty()) continue;
            insert.bind(1, id);
            insert.bind(2, title);
            insert.bind(3, question);
            insert.bind(4, string_field(answer, "body"));
            insert.step();
            insert.reset();
            ++rows;
        }
    }
    db.exec("COMMIT");
    db.exec("INSERT INTO answers(answers) VALUES ('optimize')");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << rows << " rows in " << seconds << " s\n";
    return 0;
}

// The FTS5 query for a free-text query: its words (runs of letters and digits,
// bytes >= 0x80 counted as letters, roughly what unicode61 keeps), each quoted,
// first occurrence only, joined by OR. Empty when the query has no word.
std::string fts5_match(const std::string& query) {
    std::vector<std::string> words;
    std::set<std::string> seen;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && seen.insert(word).second) words.push_back(word);
        word.clear();
    };
    for (unsigned char c : query) {
        if (std::isalnum(c) || c >= 0x80)
            word += static_cast<char>(c >= 0x80 ? c : std::tolower(c));
        else
            flush();
    }
    flush();
    std::string match;
    for (const auto& w : words) match += (match.empty() ? "\"" : " OR \"") + w + '"';
    return match;
}

int query(const std::string& db_path, const std::string& queries_path, bool snippet, int depth) {
    Db db(db_path);
    std::ifstream in(queries_path);
    if (!in) throw std::runtime_error("cannot open '" + queries_path + "'");
    const std::string columns =
        snippet ? "answer_id, title, body, snippet(answers, 3, '<b>', '</b>', '…', 32)" : "answer_id, title, body";
    Statement select(db, "SELECT " + columns + " FROM answers WHERE answers MATCH ?1 ORDER BY rank LIMIT ?2");
    const int ncolumns = sqlite3_column_count(select.get());
    std::string line;
    std::size_t total_bytes = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto tab = line.find('\t');
        if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
        const std::string qid = line.substr(0, tab), match = fts5_match(line.substr(tab + 1));
        if (match.empty()) {
            std::cout << qid << "\t-\t0\n";
            continue;
        }
        int rows = 0;
        auto start = std::chrono::steady_clock::now();
        select.bind(1, match);
        select.bind(2, depth);
        while (select.step()) {
            ++rows;
            for (int c = 0; c < ncolumns; ++c) {
                sqlite3_column_text(select.get(), c);
                total_bytes += static_cast<std::size_t>(sqlite3_column_bytes(select.get(), c));
            }
        }
        select.reset();
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::printf("%s\t%.4f\t%d\n", qid.c_str(), ms, rows);
    }
    std::cerr << "read " << total_bytes << " bytes of results\n";
    return 0;
}

int usage() {
    std::cerr << "Usage: bench_fts5 build DB INPUT.jsonl[.gz]\n"
                 "       bench_fts5 query DB QUERIES.tsv [--snippet] [--depth N]\n"
                 "       bench_fts5 match QUERY\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "build") return build(args[1], args[2]);
        if (args.size() == 2 && args[0] == "match") {
            std::cout << fts5_match(args[1]) << '\n';
            return 0;
        }
        if (args.size() >= 3 && args[0] == "query") {
            bool snippet = false;
            int depth = 10;
            for (std::size_t i = 3; i < args.size(); ++i) {
                if (args[i] == "--snippet")
                    snippet = true;
                else if (args[i] == "--depth" && i + 1 < args.size())
                    depth = std::stoi(args[++i]);
                else
                    return usage();
            }
            return query(args[1], args[2], snippet, depth);
        }
        return usage();
    } catch (const std::exception& e) {
        std::cerr << "bench_fts5: " << e.what() << '\n';
        return 1;
    }
}
