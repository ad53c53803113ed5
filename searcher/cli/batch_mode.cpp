// --batch (see batch_mode.hpp).
#include "cli/batch_mode.hpp"

#include <istream>
#include <ostream>

#include <qadex/database_check.hpp>
#include <qadex/database_location.hpp>
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

}  // namespace

int run_batch(FollowingEngine& engine, const SearchOptions& options, std::istream& in, const std::string& name,
              std::ostream& out, std::ostream& err) {
    std::size_t line_number = 0, skipped = 0;
    bool damaged = false;
    std::string line;
    auto skip = [&](const std::string& reason) {
        err << "qadex-search: " << name << ':' << line_number << ": " << reason << '\n';
        ++skipped;
    };
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) {
            skip("expected \"qid<TAB>query\"");
            continue;
        }
        SearchRequest request = options.request;
        request.query = line.substr(tab + 1);
        const std::string qid = line.substr(0, tab);
        try {
            // Each query sees the database the path names now, at its latest
            // commit, so a long batch never returns an answer whose deletion
            // the indexer has committed, nor one of a database replaced since.
            engine.refresh();
            write_result(out, options, qid, engine.engine().search(request));
            out.flush();  // a program feeding queries through a pipe gets each answer when it is ready
        } catch (const BadQueryError& e) {
            skip(e.what());
        } catch (const DatabaseDamagedError& e) {
            engine.discard();
            damaged = true;
            skip(e.what());
        } catch (const DatabaseMissingError& e) {  // deleted or moved: perhaps back for the next line
            skip(e.what());
        } catch (const SchemaMismatchError& e) {
            engine.discard();
            skip(e.what());
        }
    }
    if (in.bad()) throw Error("cannot read " + name);
    if (damaged) return exit_code::damaged_database;
    return skipped ? exit_code::partial : exit_code::ok;
}

}  // namespace qadex
