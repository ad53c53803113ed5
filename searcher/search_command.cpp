// Command line of qadex-search and its error-to-exit-code mapping.
#include "search_command.hpp"

#include <boost/program_options.hpp>
#include <iostream>
#include <unistd.h>
#include <xapian.h>

#include <qadex/database_location.hpp>
#include <qadex/exit_codes.hpp>
#include <qadex/version.hpp>

#include "result_output.hpp"
#include "search_engine.hpp"

namespace po = boost::program_options;

namespace qadex {

namespace {

constexpr const char* usage_line = "Usage: qadex-search [--db PATH] [options] QUERY...";
constexpr std::size_t max_per_page = 100;

enum class OutputFormat { text, json, jsonl };

struct SearchOptions {
    std::string database;
    SearchRequest request;
    OutputFormat format = OutputFormat::text;
};

std::pair<std::string, std::string> parse_filter(const std::string& spec) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
        throw po::error("--filter takes FIELD=VALUE, not '" + spec + "'");
    std::string field = spec.substr(0, eq);
    bool known = false;
    for (const auto& f : filter_fields()) known |= (f == field);
    if (!known) {
        std::string list;
        for (const auto& f : filter_fields()) list += (list.empty() ? "" : ", ") + f;
        throw po::error("--filter field '" + field + "' is not one of: " + list);
    }
    return {field, spec.substr(eq + 1)};
}

std::optional<SearchOptions> parse_search_command(int argc, const char* const argv[], std::ostream& out) {
    SearchOptions o;
    std::string db, format = "text", sort = "relevance";
    std::vector<std::string> filters, words;
    po::options_description general("Options");
    general.add_options()
        ("db,d", po::value<std::string>(&db)->value_name("PATH"),
         "database to search (default: $QADEX_DB, else $XDG_DATA_HOME/qadex/index)")
        ("page,p", po::value<std::size_t>(&o.request.page)->default_value(1)->value_name("N"), "page of results to show")
        ("per-page,n", po::value<std::size_t>(&o.request.per_page)->default_value(10)->value_name("N"),
         "results per page (at most 100)")
        ("all-answers,a", "list every matching answer instead of the best one per question")
        ("filter,f", po::value<std::vector<std::string>>(&filters)->value_name("FIELD=VALUE"),
         "only answers whose FIELD is VALUE (author, specialty, location, source, tag, category); repeatable")
        ("facets", "count results by specialty, source and category")
        ("sort", po::value<std::string>(&sort)->value_name("ORDER"), "relevance (default), rating or date")
        ("format", po::value<std::string>(&format)->value_name("FORMAT"), "text (default), json or jsonl")
        ("help,h", "show this help and exit")
        ("version", "show the version and exit");
    po::options_description hidden;
    hidden.add_options()("query", po::value<std::vector<std::string>>(&words));
    po::options_description all;
    all.add(general).add(hidden);
    po::positional_options_description positional;
    positional.add("query", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        out << usage_line << "\n\n"
            << "Search a qadex database for the answers that best answer QUERY, a question in\n"
               "plain words or in the query language (\"phrases\", AND, OR, NOT, +word, -word,\n"
               "field:word, word*, rating:4..5).\n\n"
            << general
            << "\nExit status: 0 success (also when nothing matched), 1 error, 2 usage,\n"
               "5 database missing or unreadable, 6 incompatible database, 7 bad query.\n";
        return std::nullopt;
    }
    if (vm.count("version")) {
        out << "qadex-search " << version_string << " (Xapian " << Xapian::version_string() << ")\n";
        return std::nullopt;
    }
    po::notify(vm);
    for (const auto& w : words) o.request.query += (o.request.query.empty() ? "" : " ") + w;
    if (o.request.page == 0) throw po::error("--page must be at least 1");
    if (o.request.per_page == 0 || o.request.per_page > max_per_page)
        throw po::error("--per-page must be between 1 and " + std::to_string(max_per_page));
    if (o.request.page > 100000) throw po::error("--page must be at most 100000");
    o.request.collapse = !vm.count("all-answers");
    o.request.facets = vm.count("facets") > 0;
    for (const auto& f : filters) o.request.filters.push_back(parse_filter(f));
    if (sort == "relevance") o.request.sort = SortOrder::relevance;
    else if (sort == "rating") o.request.sort = SortOrder::rating;
    else if (sort == "date") o.request.sort = SortOrder::date;
    else throw po::error("--sort must be relevance, rating or date, not '" + sort + "'");
    if (format == "text") o.format = OutputFormat::text;
    else if (format == "json") o.format = OutputFormat::json;
    else if (format == "jsonl") o.format = OutputFormat::jsonl;
    else throw po::error("--format must be text, json or jsonl, not '" + format + "'");
    if (o.request.query.empty() && o.request.filters.empty()) throw po::error("no QUERY given");
    o.database = db.empty() ? default_database_path() : db;
    return o;
}

int fail(const std::string& message, int code) {
    std::cerr << "qadex-search: " << message << '\n';
    return code;
}

}  // namespace

int search_main(int argc, const char* const argv[]) {
    std::ios::sync_with_stdio(false);
    try {
        auto options = parse_search_command(argc, argv, std::cout);
        if (!options) return exit_code::ok;
        SearchEngine engine(options->database);
        SearchResult result = engine.search(options->request);
        switch (options->format) {
            case OutputFormat::text: write_text(std::cout, options->request, result, {isatty(STDOUT_FILENO) == 1}); break;
            case OutputFormat::json: write_json(std::cout, options->request, result); break;
            case OutputFormat::jsonl: write_jsonl(std::cout, result); break;
        }
        std::cout.flush();
        return std::cout ? exit_code::ok : fail("cannot write the results", exit_code::failure);
    } catch (const po::error& e) {
        std::cerr << "qadex-search: " << e.what() << "\n" << usage_line << "\nTry 'qadex-search --help'.\n";
        return exit_code::usage;
    } catch (const DatabaseMissingError& e) {
        return fail(std::string(e.what()) + " (build one with qadex-index)", exit_code::no_database);
    } catch (const SchemaMismatchError& e) {
        return fail(e.what(), exit_code::wrong_schema);
    } catch (const BadQueryError& e) {
        return fail(e.what(), exit_code::bad_query);
    } catch (const Xapian::DatabaseCorruptError& e) {
        return fail("the database is damaged (" + e.get_msg() + "); check it with xapian-check", exit_code::failure);
    } catch (const Xapian::Error& e) {
        return fail("database error: " + e.get_description(), exit_code::failure);
    } catch (const std::exception& e) {
        return fail(e.what(), exit_code::failure);
    }
}

}  // namespace qadex
