// --batch (see batch_mode.hpp).
#include "cli/batch_mode.hpp"

#include <istream>
#include <ostream>

#include <qadex/exit_codes.hpp>

#include "output/result_output.hpp"

namespace qadex {

namespace {

void write_result(std::ostream& out, const SearchOptions& options, const std::string& qid,
                  const SearchResult& result) {
    switch (options.format) {
        case OutputFormat::trec: write_trec(out, qid, result); break;
        case OutputFormat::json: write_json(out, options.request, result, qid); break;
        case OutputFormat::jsonl: write_jsonl(out, result, qid); break;
        case OutputFormat::text:
            out << "== " << qid << ": " << result.query << '\n';
            write_text(out, options.request, result, {options.color});
            break;
    }
}

// Each query sees the latest commit. A remote shard whose server dropped
// the idle connection is left to search(), which connects again.
void reopen(const Xapian::Database& db) {
    try {
        Xapian::Database(db).reopen();
    } catch (const Xapian::NetworkError&) {
    }
}

}  // namespace

int run_batch(SearchEngine& engine, const SearchOptions& options, std::istream& in, const std::string& name,
              std::ostream& out, std::ostream& err) {
    std::size_t line_number = 0, skipped = 0;
    std::string line;
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) {
            err << "qadex-search: " << name << ':' << line_number << ": expected \"qid<TAB>query\"\n";
            ++skipped;
            continue;
        }
        SearchRequest request = options.request;
        request.query = line.substr(tab + 1);
        const std::string qid = line.substr(0, tab);
        try {
            // Each query sees the latest commit (a copy of the handle shares
            // the engine's database), so a long batch never returns an answer
            // whose deletion the indexer has committed since it started.
            reopen(engine.database());
            write_result(out, options, qid, engine.search(request));
            out.flush();  // a program feeding queries through a pipe gets each answer when it is ready
        } catch (const BadQueryError& e) {
            err << "qadex-search: " << name << ':' << line_number << ": " << e.what() << '\n';
            ++skipped;
        }
    }
    if (in.bad()) throw Error("cannot read " + name);
    return skipped ? exit_code::partial : exit_code::ok;
}

}  // namespace qadex
