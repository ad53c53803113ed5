// Command line of qadex-index and its error-to-exit-code mapping.
#include "index_command.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <thread>
#include <xapian.h>

#include <qadex/database_check.hpp>
#include <qadex/database_location.hpp>
#include <qadex/exit_codes.hpp>
#include <qadex/version.hpp>

#include "index_writer.hpp"

namespace po = boost::program_options;

namespace qadex {

namespace {

constexpr const char* usage_line = "Usage: qadex-index [--db PATH] [options] INPUT...";

// "db/", "db//" and "db/." name the database "db": every spelling of a path
// must take the same lock (PATH.lock) and use the same temporaries beside it,
// never files inside the database. "." and "x/.." are named from the root.
std::string database_name(std::string path) {
    for (;;) {
        if (path.size() > 1 && path.back() == '/') path.pop_back();
        else if (path.size() > 2 && path.ends_with("/.")) path.resize(path.size() - 2);
        else break;
    }
    const std::string last = std::filesystem::path(path).filename().string();
    if (last != "." && last != "..") return path;
    std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
    return absolute;
}

// `database`: the run's --db, which is rebuilt whole when a part of it is damaged.
void report_damage(const DatabaseDamagedError& e, const std::string& database) {
    std::cerr << "qadex-index: " << e.what()
              << (e.consequence().empty() ? "; the run stopped there, and what it had not committed was abandoned" : "")
              << "\nqadex-index: rebuild the index from its inputs (qadex-index --rebuild --db '" << database
              << "' INPUT...) or restore a copy; xapian-check '" << e.path() << "' lists the damage\n";
}

}  // namespace

std::optional<IndexOptions> parse_index_command(int argc, const char* const argv[], std::ostream& out) {
    IndexOptions o;
    std::string db;
    po::options_description general("Options");
    general.add_options()
        ("db,d", po::value<std::string>(&db)->value_name("PATH"),
         "database to create or update (default: $QADEX_DB, else $XDG_DATA_HOME/qadex/index)")
        ("delete", po::value<std::vector<std::string>>(&o.deletes)->value_name("ID"),
         "remove this thread (all its answers); repeat for more: --delete ID1 --delete ID2")
        ("batch-size", po::value<std::uint32_t>(&o.batch_size)->default_value(o.batch_size)->value_name("N"),
         "documents per commit (piped input: also every N threads, and 2 s after a pause); a crash "
         "loses at most one batch")
        ("synonyms", po::value<std::string>(&o.synonyms_file)->value_name("FILE"),
         "add the synonym groups of FILE (one group per line, terms separated by commas); alone, with "
         "no INPUT, only adds them")
        ("no-spelling", "do not add words to the spelling dictionary (faster; no \"did you mean\")")
        ("shards", po::value<unsigned>(&o.shards)->value_name("N"),
         "split a new index (or one rebuilt with --rebuild) into N shard databases, threads routed by a "
         "hash of their id, listed by a stub (PATH/XAPIANDB); see docs/SCALING.md")
        ("threads,j", po::value<unsigned>(&o.threads)->value_name("N"),
         "threads that parse and analyse documents (default: the number of cores)")
        ("rebuild", po::bool_switch(&o.rebuild),
         "build a fresh database from INPUT and replace the old one when done (refused when PATH "
         "holds anything but a qadex database)")
        ("force", po::bool_switch(&o.force),
         "read and rewrite every thread; without it, threads whose content (hashed) is unchanged since "
         "they were indexed are skipped, and page files of unchanged size and mtime are not read")
        ("dry-run,n", po::bool_switch(&o.dry_run), "parse and report, write nothing")
        ("stats", po::bool_switch(&o.stats), "print the database's answer, thread and term counts")
        ("progress", "always draw the live progress line on stderr")
        ("no-progress", "never draw it (default: only when stderr is a terminal)")
        ("quiet,q", "print only errors")
        ("verbose,v", "also name each file as it is read")
        ("help,h", "show this help and exit")
        ("version", "show the version and exit");
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>(&o.inputs));
    po::options_description all;
    all.add(general).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);

    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        out << usage_line << "\n"
            << "   or: qadex-index [--db PATH] --synonyms FILE\n\n"
            << "Index expert Q&A threads (JSON Lines, .jsonl.gz, or scraped .txt or .html pages) into a qadex\n"
               "database. INPUT is a file, a directory (walked recursively in sorted order) or - for\n"
               "JSON Lines on standard input (committed as it arrives: every --batch-size threads, and\n"
               "within 2 seconds of a pause). Re-indexing a thread replaces all its answers; a thread\n"
               "whose content is unchanged since it was indexed is skipped (counted as unchanged).\n\n";
        // Two spaces at least after the longest option, as help2man (the man page) needs.
        general.print(out, general.get_option_column_width() + 1);
        out << "\nExit status: 0 success, 1 error (or no INPUT readable: nothing created), 2 usage,\n"
               "3 some inputs skipped as bad, 4 database locked by another writer, 5 (--stats) no\n"
               "database, 6 incompatible database or PATH not a qadex database (nothing replaced),\n"
               "10 database damaged (nothing written to it; --rebuild replaces it), 130 interrupted.\n";
        return std::nullopt;
    }
    if (vm.count("version")) {
        out << "qadex-index " << version_string << " (Xapian " << Xapian::version_string() << ")\n";
        return std::nullopt;
    }
    po::notify(vm);
    if (vm.count("quiet") && vm.count("verbose")) throw po::error("--quiet and --verbose exclude each other");
    if (vm.count("quiet")) o.verbosity = Verbosity::quiet;
    if (vm.count("verbose")) o.verbosity = Verbosity::verbose;
    if (vm.count("progress") && vm.count("no-progress")) throw po::error("--progress and --no-progress exclude each other");
    o.spelling = !vm.count("no-spelling");
    if (vm.count("progress")) o.progress = ProgressMode::on;
    if (vm.count("no-progress")) o.progress = ProgressMode::off;
    if (!vm.count("threads")) o.threads = std::max(1u, std::thread::hardware_concurrency());
    if (o.threads == 0 || o.threads > 256) throw po::error("--threads must be between 1 and 256");
    if (o.batch_size == 0) throw po::error("--batch-size must be at least 1");
    if (vm.count("shards") && (o.shards == 0 || o.shards > 256)) throw po::error("--shards must be between 1 and 256");
    if (o.inputs.empty() && o.deletes.empty() && !o.stats && o.synonyms_file.empty())
        throw po::error("no INPUT given (a file, a directory, or - for standard input)");
    if (o.rebuild && o.inputs.empty()) throw po::error("--rebuild needs INPUT to build from");
    o.database = database_name(db.empty() ? default_database_path() : db);
    return o;
}

int index_main(int argc, const char* const argv[]) {
    std::ios::sync_with_stdio(false);
    std::string database;  // named when it turns out damaged
    try {
        auto options = parse_index_command(argc, argv, std::cout);
        if (!options) return exit_code::ok;
        database = options->database;
        install_stop_signal_handlers();
        return run_indexer(*options, std::cout, std::cerr);
    } catch (const po::error& e) {
        std::cerr << "qadex-index: " << e.what() << "\n" << usage_line << "\nTry 'qadex-index --help'.\n";
        return exit_code::usage;
    } catch (const DatabaseLockedError& e) {
        std::cerr << "qadex-index: " << e.what() << '\n';
        return exit_code::locked;
    } catch (const SchemaMismatchError& e) {
        std::cerr << "qadex-index: " << e.what() << '\n';
        return exit_code::wrong_schema;
    } catch (const DatabaseMissingError& e) {
        std::cerr << "qadex-index: " << e.what() << '\n';
        return exit_code::no_database;
    } catch (const DatabaseDamagedError& e) {
        report_damage(e, database);
        return exit_code::damaged_database;
    } catch (const Xapian::Error& e) {
        if (is_damage(e)) {  // found while writing
            report_damage(DatabaseDamagedError(database, e.get_msg()), database);
            return exit_code::damaged_database;
        }
        std::cerr << "qadex-index: database error: " << e.get_description() << '\n';
        return exit_code::failure;
    } catch (const std::exception& e) {
        std::cerr << "qadex-index: " << e.what() << '\n';
        return exit_code::failure;
    }
}

}  // namespace qadex
