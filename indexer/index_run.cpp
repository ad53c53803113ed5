// The indexing run (see index_run.hpp).
#include "index_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <unistd.h>

#include <qadex/database_check.hpp>
#include <qadex/database_location.hpp>
#include <qadex/exit_codes.hpp>
#include <qadex/input_files.hpp>
#include <qadex/record_reader.hpp>
#include <qadex/stub_file.hpp>

#include "build_lock.hpp"
#include "changed_thread_writer.hpp"
#include "index_writer.hpp"
#include "open_index_target.hpp"
#include "parallel_analysis.hpp"
#include "progress.hpp"
#include "readable_inputs.hpp"
#include "run_summary.hpp"
#include "sharded_index.hpp"
#include "stream_commits.hpp"
#include "synonyms_file.hpp"
#include "write_paths.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

std::atomic<int> stop_signal{0};

// Piped input is committed at least this often while threads wait uncommitted.
constexpr std::chrono::seconds stream_commit_interval{2};

extern "C" void on_stop_signal(int sig) { stop_signal.store(sig); }

std::uint64_t total_input_bytes(const std::vector<InputFile>& inputs) {
    std::uint64_t total = 0;
    for (const auto& in : inputs) {
        if (in.path.empty()) return 0;  // stdin: size unknown
        std::error_code ec;
        auto size = fs::file_size(in.path, ec);
        if (!ec) total += size;
    }
    return total;
}

bool wants_progress(const IndexOptions& options) {
    if (options.verbosity == Verbosity::quiet || options.progress == ProgressMode::off) return false;
    return options.progress == ProgressMode::on || isatty(STDERR_FILENO);
}

void report_problem(std::ostream& err, const InputError& e, RunCounts& counts) {
    err << "qadex-index: " << e.what() << '\n';
    ++counts.skipped;
}

// A problem in a record that was indexed all the same: reported, not skipped.
void report_warning(std::ostream& err, const InputError& e, RunCounts& counts) {
    err << "qadex-index: warning: " << e.what() << '\n';
    ++counts.warnings;
}

}  // namespace

void install_stop_signal_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

namespace {

// The cheap checks of every database --stats reads (database_check.hpp):
// a damaged one is reported as such, not counted.
void check_stats_databases(const std::string& database) {
    std::error_code ec;
    if (fs::exists(fs::path(database) / "iamglass", ec)) check_database_readable(database);
    if (!is_sharded_index(database)) return;
    for (const StubEntry& e : read_stub_file(fs::path(database) / "XAPIANDB"))
        if (e.kind == StubEntry::Kind::local && fs::exists(fs::path(e.path) / "iamglass", ec)) check_database_readable(e.path);
}

void print_stats(std::ostream& out, const std::string& database) {
    if (!fs::exists(database)) throw DatabaseMissingError("no database at '" + database + "'");
    if (!fs::is_directory(database) && !is_stub_file(database))
        throw DatabaseMissingError("no database at '" + database + "': it is a file");
    constexpr const char* uncounted = "its counts cannot be read";
    DatabaseStats s;
    try {
        check_stats_databases(database);
        s = naming_damage(database, uncounted, [&] { return read_stats(database); });
    } catch (const DatabaseDamagedError& e) {
        if (!e.consequence().empty()) throw;
        throw DatabaseDamagedError(e.path(), e.detail(), uncounted);
    }
    out << "database: " << database << "\nschema version: " << s.schema_version << "\nanswers: " << s.answers
        << "\nthreads: " << s.threads << "\nterms: " << s.terms
        << "\naverage answer length: " << static_cast<std::uint64_t>(s.average_length + 0.5) << " terms\n";
}

}  // namespace

int run_indexer(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    if (options.inputs.empty() && options.deletes.empty() && !options.rebuild && options.synonyms_file.empty()) {
        // Only --stats: report on the database without creating one.
        if (options.stats) print_stats(out, options.database);
        return exit_code::ok;
    }
    auto start = std::chrono::steady_clock::now();
    std::vector<InputError> problems;
    std::vector<InputFile> inputs = discover_inputs(options.inputs, problems);
    RunCounts counts;
    for (const auto& p : problems) report_problem(err, p, counts);
    const auto missing = [](const std::string& arg) { std::error_code ec; return arg != "-" && !fs::exists(arg, ec); };
    if (!options.deletes.empty() && std::any_of(options.inputs.begin(), options.inputs.end(), missing))
        err << "qadex-index: (--delete takes one ID; for more, repeat it: --delete ID1 --delete ID2)\n";
    const std::vector<InputError> unreadable = why_no_input_is_readable(inputs);
    for (const auto& p : unreadable) report_problem(err, p, counts);
    if (options.deletes.empty() && (inputs.empty() ? !problems.empty() : !unreadable.empty())) {
        // Nothing to read: no empty database is created, none replaced by --rebuild.
        err << "qadex-index: no INPUT could be read; '" << options.database << "' was not "
            << (fs::exists(options.database) ? "changed" : "created") << '\n';
        return exit_code::failure;
    }

    IndexOptions run = options;
    run.commit_as_read = reads_a_stream(inputs);
    std::optional<BuildLock> lock;
    std::unique_ptr<IndexTarget> target;  // none for a dry run
    if (!run.dry_run) {
        lock.emplace(run.database);
        prepare_write_paths(run);  // with the lock held: no other run's files are touched
        target = open_index_target(run);
        if (!run.synonyms_file.empty()) {
            std::vector<InputError> synonym_problems;
            auto groups = read_synonyms_file(run.synonyms_file, synonym_problems);
            for (const auto& p : synonym_problems) report_problem(err, p, counts);
            for (const auto& group : groups) target->add_synonym_group(group, true);
        }
    }
    std::optional<StreamCommits> stream_commits;
    if (target && run.commit_as_read)
        stream_commits.emplace(
            run.batch_size, stream_commit_interval, [&] { return target->commit(); },
            [&](std::uint64_t threads) {
                if (run.verbosity == Verbosity::verbose)
                    err << "qadex-index: " << count_of(threads, "thread", "threads") << " committed\n" << std::flush;
            });

    // Threads whose content hash the database holds are skipped (unless --force).
    std::optional<ChangedThreadWriter> writer;
    if (target) writer.emplace(*target, options.force ? StoredHashes{} : target->stored_hashes(), options.spelling);
    std::optional<AnswerOwners> dry_run_owners;  // a dry run reports answer ids shared by its threads too
    if (!writer) dry_run_owners.emplace();

    ProgressLine progress(err, wants_progress(options), total_input_bytes(inputs));
    PipelineOptions pipeline;
    pipeline.workers = options.threads;
    pipeline.stop = &stop_signal;
    pipeline.collect_spelling = options.spelling;
    if (writer) pipeline.stored = writer->stored();
    if (stream_commits) pipeline.idle = [&] { stream_commits->tick(); };
    analyse_inputs(inputs, pipeline, [&](AnalysedRecord& record) {
        switch (record.kind) {
            case AnalysedRecord::Kind::file_started:
                ++counts.files;
                if (options.verbosity == Verbosity::verbose) err << "qadex-index: reading " << record.input->display_name << '\n';
                break;
            case AnalysedRecord::Kind::problem:
                report_problem(err, *record.problem, counts);
                break;
            case AnalysedRecord::Kind::thread:
                for (const auto& w : record.warnings) report_warning(err, w, counts);
                try {
                    if (writer && !writer->store(record)) ++counts.unchanged;
                    if (dry_run_owners) claim_answers(*dry_run_owners, record);
                    ++counts.threads;
                    counts.answers += record.answer_count;
                } catch (const InputError& e) {
                    // An answer id of another thread's, or an unread page that cannot be read now.
                    report_problem(err, e, counts);
                }
                if (stream_commits) stream_commits->thread_put();
                break;
        }
        progress.update(counts.answers, record.bytes_done);
    });
    const bool interrupted = stop_signal.load() != 0;
    if (target && !interrupted)
        for (const auto& id : options.deletes) target->delete_thread(id);
    progress.finish();

    std::optional<WriteCounts> writes;
    // An interrupted --rebuild is removed (rebuild_writer.hpp): the run changed nothing.
    const bool abandoned = target && options.rebuild && interrupted;
    if (target) {
        writes = target->finish(!interrupted);
        writer.reset();
        target.reset();
    }
    if (abandoned) writes.reset();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.verbosity != Verbosity::quiet || counts.skipped > 0 || interrupted)
        err << summary_line(counts, writes, seconds, interrupted,
                            abandoned ? "rebuild abandoned: '" + options.database + "' is unchanged"
                                      : "dry run: nothing written")
            << '\n';

    if (options.stats && !options.dry_run) print_stats(out, options.database);
    if (interrupted) return exit_code::interrupted;
    return counts.skipped > 0 ? exit_code::partial : exit_code::ok;
}

}  // namespace qadex
