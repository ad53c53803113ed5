// bench_baseline_bm25: the plain Xapian BM25 baseline that bench/eval scores
// next to qadex. Nothing qadex does is here: one free-text field, Xapian's
// English stemmer, the default QueryParser and the default BM25 weights.
//
//   bench_baseline_bm25 index DB INPUT.jsonl[.gz]
//       Builds DB afresh (an existing DB is overwritten): one document per
//       answer, its text = the thread's title, question and the answer body,
//       indexed as one unprefixed field by a TermGenerator with the English
//       stemmer (default STEM_SOME, no stopper). The answer id is the document
//       data and a unique "Q" term.
//   bench_baseline_bm25 search DB BATCH [K]
//       BATCH holds "qid<TAB>query" lines (blank lines and '#' lines skipped;
//       - for stdin). Each query goes through a QueryParser with the English
//       stemmer and nothing else set (default flags, OP_OR, no stopper); a query
//       it refuses as a syntax error is parsed again with no flags (plain
//       words). Writes the top K (default 10) answers of each as TREC run lines
//       "qid Q0 answer_id rank score bm25" on stdout, ranked by Xapian's
//       default BM25Weight. A malformed BATCH line is reported and skipped.
//
// Exit 0 on success, 1 on an I/O or Xapian error, 2 on bad usage, 3 when
// some BATCH lines were skipped (as qadex-search --batch).
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "jsonl_input.hpp"

namespace {

constexpr const char* usage =
    "usage: bench_baseline_bm25 index DB INPUT.jsonl[.gz]\n"
    "       bench_baseline_bm25 search DB BATCH [K]\n";

using bench::GzLineReader;
using bench::string_field;

int run_index(const std::string& db_path, const std::string& input) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator termgen;
    termgen.set_stemmer(Xapian::Stem("english"));
    GzLineReader reader(input);
    std::string line;
    unsigned long line_no = 0, docs = 0, bad = 0;
    while (reader.next(line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto thread = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        auto answers = thread.is_object() ? thread.find("answers") : thread.end();
        if (!thread.is_object() || answers == thread.end() || !answers->is_array()) {
            std::cerr << input << ":" << line_no << ": not a thread object, skipped\n";
            ++bad;
            continue;
        }
        const std::string question = string_field(thread, "title") + "\n" + string_field(thread, "question");
        for (const auto& answer : *answers) {
            if (!answer.is_object()) continue;
            const std::string id = string_field(answer, "id");
            if (id.empty()) continue;
            Xapian::Document doc;
            termgen.set_document(doc);
            termgen.index_text(question + "\n" + string_field(answer, "body"));
            doc.add_boolean_term("Q" + id);
            doc.set_data(id);
            db.replace_document("Q" + id, doc);
            ++docs;
        }
    }
    db.commit();
    std::cerr << "bench_baseline_bm25: " << docs << " documents";
    if (bad != 0) std::cerr << ", " << bad << " bad lines skipped";
    std::cerr << "\n";
    return 0;
}

// TREC tools split on whitespace: a token must not contain any.
std::string token(std::string s) {
    for (char& c : s)
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = '_';
    return s.empty() ? "-" : s;
}

int run_search(const std::string& db_path, const std::string& batch, Xapian::doccount k) {
    Xapian::Database db(db_path);
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Enquire enquire(db);  // default weighting: BM25Weight(1, 0, 1, 0.5, 0.5)

    std::ifstream file;
    if (batch != "-") {
        file.open(batch);
        if (!file) throw std::runtime_error("cannot open '" + batch + "'");
    }
    std::istream& in = batch == "-" ? std::cin : file;
    std::string line;
    char score[32];
    unsigned long line_no = 0, skipped = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) {
            std::cerr << "bench_baseline_bm25: " << batch << ':' << line_no << ": expected \"qid<TAB>query\"\n";
            ++skipped;
            continue;
        }
        const std::string qid = token(line.substr(0, tab)), text = line.substr(tab + 1);
        Xapian::Query query;
        try {
            query = parser.parse_query(text);
        } catch (const Xapian::QueryParserError&) {
            query = parser.parse_query(text, 0);
        }
        enquire.set_query(query);
        const Xapian::MSet mset = enquire.get_mset(0, k);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            std::snprintf(score, sizeof score, "%.6f", it.get_weight());
            std::cout << qid << " Q0 " << token(it.get_document().get_data()) << ' ' << it.get_rank() + 1 << ' '
                      << score << " bm25\n";
        }
    }
    if (in.bad()) throw std::runtime_error("cannot read '" + batch + "'");
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write the run");
    return skipped != 0 ? 3 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    Xapian::doccount k = 10;
    if (mode == "search" && argc == 5) {
        char* end = nullptr;
        const long value = std::strtol(argv[4], &end, 10);
        if (*end != '\0' || value < 1) {
            std::cerr << usage;
            return 2;
        }
        k = static_cast<Xapian::doccount>(value);
    }
    if (!((mode == "index" && argc == 4) || (mode == "search" && (argc == 4 || argc == 5)))) {
        std::cerr << usage;
        return 2;
    }
    try {
        return mode == "index" ? run_index(argv[2], argv[3]) : run_search(argv[2], argv[3], k);
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_baseline_bm25: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "bench_baseline_bm25: " << e.what() << "\n";
    }
    return 1;
}
