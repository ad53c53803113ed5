// qadex-search: picks the mode and maps every error to its exit code.
#include "cli/search_command.hpp"

#include <boost/program_options.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <unistd.h>
#include <xapian.h>

#include <qadex/database_check.hpp>
#include <qadex/database_location.hpp>
#include <qadex/exit_codes.hpp>

#include "cli/batch_mode.hpp"
#include "cli/color_choice.hpp"
#include "interactive/interactive.hpp"
#include "output/result_output.hpp"
#include "output/thread_output.hpp"
#include "engine/following_engine.hpp"
#include "engine/search_engine.hpp"
#include "cli/search_options.hpp"
#include "cli/suggest_mode.hpp"
#include "engine/crash_report.hpp"

namespace po = boost::program_options;

namespace qadex {

namespace {

int fail(const std::string& message, int code) {
    std::cerr << "qadex-search: " << message << '\n';
    return code;
}


// --similar ID: the related questions, printed as a search's results.
SearchResult related(SearchEngine& engine, const SearchOptions& options) {
    try {
        return engine.related(options.similar, options.request);
    } catch (const UnknownIdError& e) {
        throw UnknownIdError(std::string("--similar: ") + e.what());
    }
}

// --thread ID: the question, its answers and its related questions.
int run_thread(SearchEngine& engine, const SearchOptions& options) {
    const ThreadPage answers = engine.thread(options.thread, options.request.page);  // --page: the thread's
    if (answers.total == 0) throw UnknownIdError("--thread: no question has the id '" + options.thread + "'");
    SearchRequest request = options.request;
    request.per_page = thread_related_count;
    const SearchResult similar = engine.related(options.thread, request);
    if (options.format == OutputFormat::json) write_thread_json(std::cout, answers, similar);
    else write_thread_text(std::cout, answers, similar);  // parse_search_options allows no other
    return exit_code::ok;
}

int run_one_shot(SearchEngine& engine, const SearchOptions& options) {
    if (!options.thread.empty()) return run_thread(engine, options);
    SearchResult result = options.similar.empty() ? engine.search(options.request) : related(engine, options);
    switch (options.format) {
        case OutputFormat::text: write_text(std::cout, options.request, result, {options.color}); break;
        case OutputFormat::json: write_json(std::cout, options.request, result); break;
        case OutputFormat::jsonl: write_jsonl(std::cout, result); break;
        case OutputFormat::trec: write_trec(std::cout, "1", result); break;
    }
    return exit_code::ok;
}

int run_batch_file(FollowingEngine& engine, const SearchOptions& options) {
    if (options.batch_file == "-") return run_batch(engine, options, std::cin, "<stdin>", std::cout, std::cerr);
    std::ifstream in(options.batch_file);
    if (!in) throw Error("cannot open batch file '" + options.batch_file + "'");
    return run_batch(engine, options, in, options.batch_file, std::cout, std::cerr);
}

}  // namespace

int search_main(int argc, const char* const argv[]) {
    std::ios::sync_with_stdio(false);
    std::string database;  // once known: named when it turns out damaged
    try {
        const bool on_terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1;
        auto options = parse_search_options(argc, argv, std::cout, on_terminal);
        if (!options) return exit_code::ok;
        options->color = use_color(options->color_mode, isatty(STDOUT_FILENO) == 1);
        database = options->database;
        // libxapian can crash on a damaged file (engine/crash_report.hpp): say which database to check.
        std::string after = "); ";  // appended piecewise: GCC 12 misreads ")" + string (-Wrestrict)
        after += damage_advice(database) + "\n";
        arm_crash_report({-1, "", "qadex-search: '" + database + "' is probably damaged: reading it crashed the search (",
                          after, exit_code::damaged_database});
        // Opened now, so that a missing database is exit 5 before any
        // query; --batch and the session then follow it (a rebuild, a deletion).
        FollowingEngine engine(options->database, options->ranking, options->open);
        engine.engine();
        int code = exit_code::ok;
        switch (options->mode) {
            case SearchMode::one_shot: code = run_one_shot(engine.engine(), *options); break;
            case SearchMode::batch: code = run_batch_file(engine, *options); break;
            case SearchMode::interactive: code = run_interactive(engine, options->request, options->color); break;
            case SearchMode::suggest: code = run_suggest(engine.engine().database(), options->suggest_text, std::cout); break;
        }
        std::cout.flush();
        return std::cout ? code : fail("cannot write the results", exit_code::failure);
    } catch (const po::error& e) {
        std::cerr << "qadex-search: " << e.what() << "\n" << search_usage_line() << "\nTry 'qadex-search --help'.\n";
        return exit_code::usage;
    } catch (const DatabaseMissingError& e) {
        return fail(std::string(e.what()) + " (build one with qadex-index)", exit_code::no_database);
    } catch (const SchemaMismatchError& e) {
        return fail(e.what(), exit_code::wrong_schema);
    } catch (const BadQueryError& e) {
        return fail(e.what(), exit_code::bad_query);
    } catch (const UnknownIdError& e) {
        return fail(e.what(), exit_code::not_found);
    } catch (const DatabaseDamagedError& e) {
        return fail(e.what(), exit_code::damaged_database);
    } catch (const ShardUnavailableError& e) {
        return fail(e.what(), exit_code::shard_unavailable);
    } catch (const Xapian::NetworkTimeoutError& e) {  // outside a search (--suggest)
        return fail("a remote shard did not answer in time: " + e.get_description(), exit_code::shard_unavailable);
    } catch (const Xapian::NetworkError& e) {
        return fail("a remote shard failed: " + e.get_description(), exit_code::shard_unavailable);
    } catch (const Xapian::Error& e) {  // outside a search: --suggest, the session's answer count
        if (is_damage(e))
            return fail(damaged_database(database, e.get_description()).what(), exit_code::damaged_database);
        return fail("database error: " + e.get_description(), exit_code::failure);
    } catch (const std::exception& e) {
        return fail(e.what(), exit_code::failure);
    }
}

}  // namespace qadex
