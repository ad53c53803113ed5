// bench_term_features: the key-term model's features for the words of
// consumer questions, to train it (bench/train_term_model.py) and to look at
// what it does.
//
//   bench_term_features --db DB [--model TSV] QUESTIONS.jsonl
//
// QUESTIONS.jsonl (- for stdin) holds one object a line with "id" or "qid",
// "subject" and "message": the question is subject + " " + message, as the
// evaluations search it. Writes a TSV with a header line and one line per
// (question, content word): qid, word, stem, the features of
// searcher/engine/term_features.hpp, then "label": 1 if the word's stem is
// among the stems of the object's "summary" (the words an expert kept), 0 if
// not, NA without a summary. With --model, a last column "p" holds the
// model's probability.
//
// Exit 0 on success, 1 on an I/O, JSON or Xapian error, 2 on bad usage.
#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "engine/question_text.hpp"
#include "engine/term_model.hpp"

namespace {

constexpr const char* usage = "usage: bench_term_features --db DB [--model TSV] QUESTIONS.jsonl\n";

std::string text_of(const nlohmann::json& row, const char* key) {
    auto it = row.find(key);
    return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string id_of(const nlohmann::json& row) {
    for (const char* key : {"id", "qid"}) {
        auto it = row.find(key);
        if (it != row.end()) return it->is_string() ? it->get<std::string>() : it->dump();
    }
    return "";
}

// The stems of the summary's words, stopwords included (a kept stopword
// labels nothing: stopwords are never candidates).
std::set<std::string> summary_stems(const std::string& summary) {
    const Xapian::Stem stemmer("english");
    std::set<std::string> stems;
    for (const auto& token : qadex::split_question(summary).tokens) stems.insert(stemmer(token.word));
    return stems;
}

int run(const std::string& db_path, const std::string& model_path, const std::string& input) {
    const Xapian::Database db(db_path);
    std::optional<qadex::TermModel> model;
    if (!model_path.empty()) model = qadex::TermModel::load(model_path);
    std::ifstream file;
    if (input != "-") {
        file.open(input);
        if (!file) throw std::runtime_error(input + ": cannot read");
    }
    std::istream& in = input == "-" ? std::cin : file;

    std::cout << "qid\tword\tstem";
    for (auto name : qadex::term_feature::names) std::cout << '\t' << name;
    std::cout << "\tlabel" << (model ? "\tp" : "") << '\n';
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json row;
        try {
            row = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            throw std::runtime_error(input + ":" + std::to_string(number) + ": " + e.what());
        }
        const std::string question = text_of(row, "subject") + " " + text_of(row, "message");
        const bool labelled = row.contains("summary");
        const std::set<std::string> kept = labelled ? summary_stems(text_of(row, "summary")) : std::set<std::string>();
        const std::string id = id_of(row);
        for (const auto& w : qadex::content_words(question, db)) {
            std::cout << id << '\t' << w.word << '\t' << w.stem;
            for (double v : w.features) std::cout << '\t' << v;
            std::cout << '\t' << (labelled ? (kept.count(w.stem) ? "1" : "0") : "NA");
            if (model) std::cout << '\t' << model->keep_probability(w.features);
            std::cout << '\n';
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, model, input;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        bool ok = true;
        if (arg == "--db") ok = value(db);
        else if (arg == "--model") ok = value(model);
        else if (input.empty() && (arg == "-" || !arg.starts_with("-"))) input = arg;
        else ok = false;
        if (!ok) {
            std::cerr << usage;
            return 2;
        }
    }
    if (db.empty() || input.empty()) {
        std::cerr << usage;
        return 2;
    }
    try {
        std::cout.precision(6);
        return run(db, model, input);
    } catch (const Xapian::Error& e) {
        std::cerr << "bench_term_features: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "bench_term_features: " << e.what() << '\n';
    }
    return 1;
}
