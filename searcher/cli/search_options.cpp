// Boost.Program_options description of qadex-search (see search_options.hpp).
#include "cli/search_options.hpp"

#include <boost/program_options.hpp>
#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <string>
#include <xapian.h>

#include <qadex/database_location.hpp>
#include <qadex/strings.hpp>
#include <qadex/version.hpp>

#include "engine/suggest.hpp"

namespace po = boost::program_options;

namespace qadex {

namespace {

constexpr const char* usage_line = "Usage: qadex-search [--db PATH] [options] QUERY...";
constexpr std::size_t max_per_page = 100;
constexpr std::size_t max_page = 100000;

std::pair<std::string, std::string> parse_filter(const std::string& spec) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
        throw po::error("--filter takes FIELD=VALUE, not '" + spec + "'");
    std::string field = spec.substr(0, eq);
    const auto& known = filter_fields();
    if (std::find(known.begin(), known.end(), field) == known.end())
        throw po::error("--filter field '" + field + "' is not one of: " + join(known, ", "));
    return {field, spec.substr(eq + 1)};
}

OutputFormat parse_format(const std::string& format) {
    if (format == "text") return OutputFormat::text;
    if (format == "json") return OutputFormat::json;
    if (format == "jsonl") return OutputFormat::jsonl;
    if (format == "trec") return OutputFormat::trec;
    throw po::error("--format must be text, json, jsonl or trec, not '" + format + "'");
}

ColorMode parse_color(const std::string& when) {
    if (when == "auto") return ColorMode::automatic;
    if (when == "always") return ColorMode::always;
    if (when == "never") return ColorMode::never;
    throw po::error("--color must be auto, always or never, not '" + when + "'");
}

SortOrder parse_sort(const std::string& sort) {
    if (sort == "relevance") return SortOrder::relevance;
    if (sort == "rating") return SortOrder::rating;
    if (sort == "date") return SortOrder::date;
    throw po::error("--sort must be relevance, rating or date, not '" + sort + "'");
}

// --ranking KEY=VALUE: the ranking knobs, for relevance experiments
// (bench/eval --extra-args); not in --help, the defaults are the measured best.
void apply_ranking(const std::string& spec, RankingSettings& r) {
    auto eq = spec.find('=');
    std::string key = spec.substr(0, eq);
    double value = 0;
    try {
        if (eq == std::string::npos) throw std::invalid_argument(spec);
        std::size_t used = 0;
        value = std::stod(spec.substr(eq + 1), &used);
        if (used != spec.size() - eq - 1 || !(value >= 0)) throw std::invalid_argument(spec);
    } catch (const std::exception&) {
        throw po::error("--ranking takes KEY=NUMBER (a number >= 0), not '" + spec + "'");
    }
    if (auto weight = r.field_weights.find(key); weight != r.field_weights.end()) weight->second = value;
    else if (key == "replace_unknown") r.replace_unknown_words = value != 0;
    else if (key == "popular_correction") r.popular_correction_max_answers = value;
    else if (key == "medical_words") r.medical_words = value != 0;
    else if (key == "acronyms") r.acronyms = value != 0;
    else if (key == "author_names") r.author_names_weight = value;
    else if (key == "synonym_max_share") r.synonym_max_share = value;
    else if (key == "synonym_key_max_share") r.synonym_key_max_share = value;
    else if (key == "category") r.category_weight = value;
    else if (key == "quality") r.quality_weight = value;
    else if (key == "common") r.common_term_share = value;
    else if (key == "common_min") r.common_term_min_answers = value;
    else if (key == "deciding") r.max_deciding_words = static_cast<std::size_t>(value);
    else if (key == "short") r.short_query_words = static_cast<std::size_t>(value);
    else if (key == "k1") r.bm25_k1 = value;
    else if (key == "b") r.bm25_b = std::min(value, 1.0);
    else if (key == "keyterms") r.keyterms.enabled = value != 0;
    else if (key == "keyterms_min_words") r.keyterms.min_words = static_cast<std::size_t>(value);
    else if (key == "keyterms_floor") r.keyterms.floor = std::min(value, 1.0);
    else if (key == "keyterms_shape") r.keyterms.shape = value != 0;
    else if (key == "keyterms_power") r.keyterms.power = value;
    else if (key == "keyterms_scale") r.keyterms.scale = value;
    else if (key == "keyterms_structured") r.keyterms.structured = value != 0;
    else if (key == "keyterms_deciding") r.keyterms.deciding = value != 0;
    else if (key == "keyterms_chatter") r.keyterms.chatter_below = value;
    else if (key == "keyterms_chatter_share") r.keyterms.chatter_min_share = value;
    else if (key == "keyterms_cue") r.keyterms.cue_min = value;
    else if (key == "keyterms_title_min") r.keyterms.title_min = value;
    else if (key == "keyterms_title") r.keyterms.title_boost = value;
    else if (key == "keyterms_title_fixed") r.keyterms.title_fixed = value;
    else if (apply_proximity_setting(key, value, r.proximity)) {}
    else if (apply_related_setting(key, value, r.related)) {}
    else {
        std::vector<std::string> keys;
        for (const Field& f : all_fields)
            if (f.default_weight > 0) keys.emplace_back(f.name);
        throw po::error("--ranking key '" + key + "' is not one of: " + join(keys, ", ") +
                        ", replace_unknown, popular_correction, medical_words, synonym_max_share, synonym_key_max_share, category, quality, common, "
                        "common_min, deciding, short, k1, b, keyterms, keyterms_min_words, keyterms_floor, keyterms_shape, "
                        "keyterms_power, keyterms_scale, keyterms_structured, keyterms_deciding, keyterms_chatter, keyterms_chatter_share, keyterms_cue, "
                        "keyterms_title_min, keyterms_title, keyterms_title_fixed, " + std::string(proximity_setting_keys) + ", " +
                        related_setting_keys);
    }
}

}  // namespace

const char* search_usage_line() { return usage_line; }

std::optional<SearchOptions> parse_search_options(int argc, const char* const argv[], std::ostream& out,
                                                  bool on_terminal) {
    SearchOptions o;
    std::string db, format = "text", sort = "relevance", timeout, color = "auto";
    double quality_weight = 0;  // --quality-weight, applied only when given
    std::vector<std::string> filters, words;
    po::options_description general("Options");
    general.add_options()
        ("db,d", po::value<std::string>(&db)->value_name("PATH"),
         "database to search (default: $QADEX_DB, else $XDG_DATA_HOME/qadex/index)")
        ("page,p", po::value<std::size_t>(&o.request.page)->default_value(1)->value_name("N"), "page of results to show")
        ("per-page,n", po::value<std::size_t>(&o.request.per_page)->default_value(10)->value_name("N"),
         "results per page, at most 100 (with --batch: results per query)")
        ("all-answers,a", "list every matching answer instead of the best one per question")
        ("filter,f", po::value<std::vector<std::string>>(&filters)->value_name("FIELD=VALUE"),
         ("only answers whose FIELD is VALUE (" + join(filter_fields(), ", ") + "); repeatable").c_str())
        ("facets", ("count results by " + join(facet_fields(), ", ", " and ")).c_str())
        ("sort", po::value<std::string>(&sort)->value_name("ORDER"), "relevance (default), rating or date")
        ("format", po::value<std::string>(&format)->value_name("FORMAT"),
         "text (default), json, jsonl or trec (TREC run lines: qid Q0 answer_id rank score qadex)")
        ("color", po::value<std::string>(&color)->value_name("WHEN"),
         "colour the text output: auto (default: on a terminal, unless $NO_COLOR is set or $TERM is "
         "dumb), always or never")
        ("quality-weight", po::value<double>(&quality_weight)->value_name("W"),
         "add up to W to an answer's score for its answerer's star rating (W x rating / 5; default 0: "
         "off; docs/RANKING.md)")
        ("explain", "show per result which query terms matched, their weights, and any boosts")
        ("no-spelling", "no \"did you mean\" suggestion and no retry with the correction")
        ("no-synonyms", "do not expand query words with the index's synonyms")
        ("similar", po::value<std::string>(&o.similar)->value_name("ID"),
         "related questions: answers to other questions like the answer (or thread) ID")
        ("thread", po::value<std::string>(&o.thread)->value_name("ID"),
         "show the question ID with its answers, 500 a page (--page N), and 5 related questions (text or json)")
        ("batch", po::value<std::string>(&o.batch_file)->value_name("FILE"),
         "run every query of FILE (one \"qid<TAB>query\" per line; - for stdin) in one process")
        ("interactive,i", "interactive session: a prompt with line editing and history")
        ("suggest", po::value<std::string>(&o.suggest_text)->value_name("TEXT"),
         "print as JSON up to 8 completions of TEXT (its last word, and question titles), with counts")
        ("timeout", po::value<std::string>(&timeout)->value_name("SECONDS"),
         "give up when remote shards have not answered the whole search (connecting "
         "included) within SECONDS (default: $QADEX_REMOTE_TIMEOUT, else 5)")
        ("help,h", "show this help and exit")
        ("version", "show the version and exit");
    std::vector<std::string> ranking;
    po::options_description hidden;
    hidden.add_options()("query", po::value<std::vector<std::string>>(&words))
        ("ranking", po::value<std::vector<std::string>>(&ranking));
    po::options_description all;
    all.add(general).add(hidden);
    po::positional_options_description positional;
    positional.add("query", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        out << usage_line << "\n"
            << "   or: qadex-search [--db PATH] [options] --batch FILE\n"
            << "   or: qadex-search [--db PATH] [options] -i\n"
            << "   or: qadex-search [--db PATH] [options] --similar ID\n"
            << "   or: qadex-search [--db PATH] [options] --thread ID\n"
            << "   or: qadex-search [--db PATH] --suggest TEXT\n\n"
            << "Search a qadex database for the answers that best answer QUERY, a question in\n"
               "plain words or in the query language (\"phrases\", AND, OR, NOT, +word, -word,\n"
               "(groups), field:word, word*, field:LOW..HIGH; the fields are below).\n"
               "With no QUERY on a terminal, starts the interactive session.\n\n";
        // Two spaces at least after the longest option, as help2man (the man page) needs.
        general.print(out, general.get_option_column_width() + 1);
        out << '\n'
            << fields_help()
            << "\nExit status: 0 success (also when nothing matched), 1 error, 2 usage,\n"
               "3 some --batch lines were skipped (bad, or no database), 5 database missing\n"
               "or unreadable, 6 incompatible database, 7 bad query, 8 a remote shard is down\n"
               "or too slow, 9 --similar or --thread names no answer or thread, 10 the\n"
               "database is damaged (check it with xapian-check).\n";
        return std::nullopt;
    }
    if (vm.count("version")) {
        out << "qadex-search " << version_string << " (Xapian " << Xapian::version_string() << ")\n";
        return std::nullopt;
    }
    po::notify(vm);
    for (const auto& w : words) o.request.query += (o.request.query.empty() ? "" : " ") + w;
    if (o.request.page == 0) throw po::error("--page must be at least 1");
    if (o.request.page > max_page) throw po::error("--page must be at most " + std::to_string(max_page));
    if (o.request.per_page == 0 || o.request.per_page > max_per_page)
        throw po::error("--per-page must be between 1 and " + std::to_string(max_per_page));
    o.request.collapse = !vm.count("all-answers");
    o.request.facets = vm.count("facets") > 0;
    o.request.explain = vm.count("explain") > 0;
    o.request.spelling = !vm.count("no-spelling");
    o.request.synonyms = !vm.count("no-synonyms");
    for (const auto& f : filters) o.request.filters.push_back(parse_filter(f));
    for (const auto& r : ranking) apply_ranking(r, o.ranking);
    if (vm.count("quality-weight")) {
        if (!(quality_weight >= 0)) throw po::error("--quality-weight must be a number >= 0");
        o.ranking.quality_weight = quality_weight;
    }
    o.color_mode = parse_color(color);
    o.request.sort = parse_sort(sort);
    o.format = parse_format(format);

    const bool batch = vm.count("batch") > 0, interactive = vm.count("interactive") > 0;
    if (batch && interactive) throw po::error("--batch and --interactive cannot be combined");
    if ((batch || interactive) && !o.request.query.empty())
        throw po::error(std::string(batch ? "--batch" : "--interactive") + " takes no QUERY on the command line");
    if (vm.count("suggest")) {
        if (batch || interactive || !o.request.query.empty() || vm.count("similar") || vm.count("thread"))
            throw po::error("--suggest takes no QUERY, --batch, --interactive, --similar or --thread");
        try {
            check_suggest_text(o.suggest_text);
        } catch (const BadQueryError& e) {  // exit_code::bad_query, like a bad QUERY
            throw BadQueryError(std::string("--suggest: ") + e.what());
        }
        o.mode = SearchMode::suggest;
    } else if (vm.count("similar") || vm.count("thread")) {
        const std::string option = vm.count("similar") ? "--similar" : "--thread";
        if (vm.count("similar") && vm.count("thread")) throw po::error("--similar and --thread cannot be combined");
        if (batch || interactive || !o.request.query.empty())
            throw po::error(option + " ID takes no QUERY, --batch or --interactive");
        if ((o.similar + o.thread).find_first_not_of(" \t") == std::string::npos)
            throw po::error(option + " needs an answer or thread ID");
        if (vm.count("thread") && o.format != OutputFormat::text && o.format != OutputFormat::json)
            throw po::error("--thread prints text or json only");
    } else if (batch) {
        if (o.batch_file.empty()) throw po::error("--batch needs a FILE (or - for stdin)");
        o.mode = SearchMode::batch;
    } else if (interactive || (words.empty() && o.request.filters.empty() && on_terminal)) {
        if (o.format != OutputFormat::text) throw po::error("the interactive session prints text only");
        o.mode = SearchMode::interactive;
    } else if (words.empty() && o.request.filters.empty()) {
        throw po::error("no QUERY given");
    } else if (o.request.query.find_first_not_of(" \t\r\n") == std::string::npos && o.request.filters.empty()) {
        // QUERY given but empty (""): a bad query, exit 7, whether or not the database exists.
        throw BadQueryError("the query is empty");
    }
    o.database = db.empty() ? default_database_path() : db;
    try {
        o.open = timeout.empty() ? DatabaseOpenOptions::from_environment() : DatabaseOpenOptions{};
        if (!timeout.empty()) o.open.remote_timeout = parse_timeout_seconds(timeout);
    } catch (const FatalError& e) {
        throw po::error(std::string(timeout.empty() ? "" : "--timeout: ") + e.what());
    }
    return o;
}

}  // namespace qadex
