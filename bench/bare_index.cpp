// bench_bare_index: the floor for qadex-index's speed. The least work that still
// produces a comparable full-text index: read JSON Lines threads (.jsonl or
// .jsonl.gz), and for each answer index title + tags + body with positions,
// key it by a unique "Q" term and store the body as document data. No text
// normalization, no extra fields, no values, no batching: one commit at the end,
// with Xapian's default auto-flush (every 10000 documents) in between.
//
// Usage: bench_bare_index DB INPUT.jsonl[.gz]
// Prints "<documents> documents in <seconds> s" on stderr. Exit 0 on success,
// 1 on an I/O or Xapian error, 2 on bad usage.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "jsonl_input.hpp"

namespace {

using bench::GzLineReader;
using bench::string_field;

class BareIndexer {
public:
    explicit BareIndexer(const std::string& db_path) : db_(db_path, Xapian::DB_CREATE_OR_OPEN) {
        termgen_.set_stemmer(Xapian::Stem("english"));
    }

    // Indexes every answer of one thread; returns the number of documents written.
    unsigned add_thread(const nlohmann::json& thread) {
        const std::string title = string_field(thread, "title");
        std::string tags;
        if (auto it = thread.find("tags"); it != thread.end() && it->is_array())
            for (const auto& tag : *it)
                if (tag.is_string()) tags += tag.get<std::string>() + "\n";

        unsigned added = 0;
        auto answers = thread.find("answers");
        if (answers == thread.end() || !answers->is_array()) return 0;
        for (const auto& answer : *answers) {
            const std::string id = string_field(answer, "id");
            if (id.empty()) continue;
            const std::string body = string_field(answer, "body");
            add_answer("Q" + id, title, tags, body);
            ++added;
        }
        return added;
    }

    // Explicit, because ~WritableDatabase commits but swallows errors.
    void commit() { db_.commit(); }

private:
    void add_answer(const std::string& key, const std::string& title, const std::string& tags,
                    const std::string& body) {
        Xapian::Document doc;
        termgen_.set_document(doc);
        // The gaps keep phrases from matching across fields, as qadex-index does.
        termgen_.index_text(title);
        termgen_.increase_termpos(100);
        termgen_.index_text(tags);
        termgen_.increase_termpos(100);
        termgen_.index_text(body);
        doc.add_boolean_term(key);
        doc.set_data(body);
        db_.replace_document(key, doc);
    }

    Xapian::WritableDatabase db_;
    Xapian::TermGenerator termgen_;
};

int run(const std::string& db_path, const std::string& input) {
    const auto start = std::chrono::steady_clock::now();
    BareIndexer indexer(db_path);
    GzLineReader reader(input);
    std::string line;
    unsigned long line_no = 0, docs = 0, bad = 0;
    while (reader.next(line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json thread = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (!thread.is_object()) {  // a discarded parse is also not an object
            std::cerr << input << ":" << line_no << ": not a JSON object, skipped\n";
            ++bad;
            continue;
        }
        docs += indexer.add_thread(thread);
    }
    indexer.commit();
    const std::chrono::duration<double> secs = std::chrono::steady_clock::now() - start;
    std::cerr << "bench_bare_index: " << docs << " documents in " << secs.count() << " s";
    if (bad != 0) std::cerr << ", " << bad << " bad lines skipped";
    std::cerr << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: bench_bare_index DB INPUT.jsonl[.gz]\n";
        return 2;
    }
    try {
        return run(argv[1], argv[2]);
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_bare_index: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "bench_bare_index: " << e.what() << "\n";
    }
    return 1;
}
