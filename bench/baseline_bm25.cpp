// bench_baseline_bm25: the Xapian BM25 baselines that bench/eval scores next
// to qadex. Nothing qadex does is here: plain Xapian, the English stemmer, the
// default BM25 weights, and in the second baseline Snowball's English stop list
// and the question title as a field of its own.
//
//   bench_baseline_bm25 index [--title-field] DB INPUT.jsonl[.gz]
//       Builds DB afresh (an existing DB is overwritten): one document per
//       answer, indexed by a TermGenerator with the English stemmer (default
//       STEM_SOME, no stopper): the thread's title, question and the answer
//       body as one unprefixed field. The answer id is the document data and a
//       unique "Q" term.
//       --title-field: the title is also indexed on its own, as a second field
//       under the prefix "S" (so a title word counts in both fields).
//   bench_baseline_bm25 search [--stopwords] [--title-field] DB BATCH [K]
//       BATCH holds "qid<TAB>query" lines (blank lines and '#' lines skipped;
//       - for stdin). Each query goes through a QueryParser with the English
//       stemmer (STEM_SOME), default flags and OP_OR; a query it refuses as a
//       syntax error is parsed again with no flags (plain words). Writes the top
//       K (default 10) answers of each as TREC run lines
//       "qid Q0 answer_id rank score TAG" on stdout, ranked by Xapian's default
//       BM25Weight; TAG is "bm25", with "-stop" and "-title" added for the
//       options below. A malformed BATCH line is reported and skipped.
//       --stopwords: a Xapian::SimpleStopper with Snowball's English stop list
//       (the QueryParser drops those words from the query, except in phrases).
//       --title-field: free text is searched in both the unprefixed field and
//       the "S" title field (add_prefix("", "") and add_prefix("", "S")); for a
//       database built with index --title-field.
//
// Exit 0 on success, 1 on an I/O or Xapian error, 2 on bad usage, 3 when
// some BATCH lines were skipped (as qadex-search --batch).
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "jsonl_input.hpp"

namespace {

constexpr const char* usage =
    "usage: bench_baseline_bm25 index [--title-field] DB INPUT.jsonl[.gz]\n"
    "       bench_baseline_bm25 search [--stopwords] [--title-field] DB BATCH [K]\n";

using bench::GzLineReader;
using bench::string_field;

// Snowball's English stop list (snowballstem.org, algorithms/english/stop.txt).
constexpr const char* snowball_english_stopwords[] = {
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
    "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
    "having", "do", "does", "did", "doing", "would", "should", "could", "ought", "i'm", "you're", "he's",
    "she's", "it's", "we're", "they're", "i've", "you've", "we've", "they've", "i'd", "you'd", "he'd",
    "she'd", "we'd", "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't",
    "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't",
    "wouldn't", "shan't", "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's", "that's",
    "who's", "what's", "here's", "there's", "when's", "where's", "why's", "how's", "a", "an", "the",
    "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
    "about", "against", "between", "into", "through", "during", "before", "after", "above", "below",
    "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
    "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more",
    "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too",
    "very",
};

constexpr const char* title_prefix = "S";

int run_index(const std::string& db_path, const std::string& input, bool title_field) {
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
        const std::string title = string_field(thread, "title");
        const std::string question = title + "\n" + string_field(thread, "question");
        for (const auto& answer : *answers) {
            if (!answer.is_object()) continue;
            const std::string id = string_field(answer, "id");
            if (id.empty()) continue;
            Xapian::Document doc;
            termgen.set_document(doc);
            termgen.index_text(question + "\n" + string_field(answer, "body"));
            if (title_field) termgen.index_text(title, 1, title_prefix);
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

int run_search(const std::string& db_path, const std::string& batch, Xapian::doccount k, bool stopwords,
               bool title_field) {
    Xapian::Database db(db_path);
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::SimpleStopper stopper(std::begin(snowball_english_stopwords), std::end(snowball_english_stopwords));
    if (stopwords) parser.set_stopper(&stopper);
    if (title_field) {
        parser.add_prefix("", "");
        parser.add_prefix("", title_prefix);
    }
    const std::string tag =
        std::string(" bm25") + (stopwords ? "-stop" : "") + (title_field ? "-title" : "") + "\n";
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
                      << score << tag;
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
    bool stopwords = false, title_field = false;
    int arg = 2;
    for (; arg < argc && std::string(argv[arg]).starts_with("--"); ++arg) {
        const std::string option = argv[arg];
        if (option == "--title-field") {
            title_field = true;
        } else if (option == "--stopwords" && mode == "search") {
            stopwords = true;
        } else {
            std::cerr << "bench_baseline_bm25: unknown option " << option << "\n" << usage;
            return 2;
        }
    }
    const int positional = argc - arg;
    Xapian::doccount k = 10;
    if (mode == "search" && positional == 3) {
        char* end = nullptr;
        const long value = std::strtol(argv[arg + 2], &end, 10);
        if (*end != '\0' || value < 1) {
            std::cerr << usage;
            return 2;
        }
        k = static_cast<Xapian::doccount>(value);
    }
    if (!((mode == "index" && positional == 2) || (mode == "search" && (positional == 2 || positional == 3)))) {
        std::cerr << usage;
        return 2;
    }
    try {
        return mode == "index" ? run_index(argv[arg], argv[arg + 1], title_field)
                               : run_search(argv[arg], argv[arg + 1], k, stopwords, title_field);
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_baseline_bm25: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "bench_baseline_bm25: " << e.what() << "\n";
    }
    return 1;
}
