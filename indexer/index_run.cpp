// The indexing run (see index_run.hpp).
#include "index_run.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <cerrno>
#include <cstdio>  // renameat2
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <qadex/database_location.hpp>
#include <qadex/exit_codes.hpp>
#include <qadex/input_files.hpp>
#include <qadex/record_reader.hpp>
#include <qadex/stub_file.hpp>

#include "index_writer.hpp"
#include "parallel_analysis.hpp"
#include "shard_set.hpp"
#include "sharded_writer.hpp"
#include "progress.hpp"
#include "synonyms_file.hpp"

namespace qadex {

namespace fs = std::filesystem;

namespace {

std::atomic<int> stop_signal{0};

extern "C" void on_stop_signal(int sig) { stop_signal.store(sig); }

struct RunCounts {
    std::uint64_t files = 0, records = 0, threads = 0, answers = 0, skipped = 0;
};

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

// Excludes other qadex-index runs on the same database for the whole run,
// including the shard-and-merge path where the database does not exist yet
// (Xapian's own lock covers only an open database). The lock file sits
// beside the database; the kernel releases it if the process dies.
class BuildLock {
public:
    explicit BuildLock(const std::string& database) {
        fs::path path(database + ".lock");
        std::error_code ec;
        if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) throw FatalError("cannot create lock file '" + path.string() + "': " + std::strerror(errno));
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd_);
            throw DatabaseLockedError("'" + database + "' is locked by another writer (another qadex-index is running)");
        }
    }
    ~BuildLock() { ::close(fd_); }
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

private:
    int fd_ = -1;
};

// Shards of a fresh build in TARGET.shards/, merged into TARGET at the end.
struct ShardBuild {
    std::string target, dir;
    std::vector<std::string> paths;
    ShardSet set;

    ShardBuild(const std::string& target_path, unsigned count, std::uint32_t batch_size)
        : target(target_path), dir(prepare(target_path)), paths(shard_paths(dir, count)), set(paths, batch_size) {}
    ~ShardBuild() {
        std::error_code ec;
        fs::remove_all(dir, ec);
        fs::remove_all(target + ".merging", ec);
    }
    WriteCounts finish_and_merge() {
        WriteCounts counts = set.finish();
        const std::string merging = target + ".merging";
        merge_shards(paths, merging);
        fs::rename(merging, target);  // the database appears complete or not at all
        return counts;
    }
    static std::string prepare(const std::string& target) {
        std::string d = target + ".shards";
        fs::remove_all(d);  // left by a killed run: we hold the build lock
        fs::create_directories(d);
        return d;
    }
    static std::vector<std::string> shard_paths(const std::string& d, unsigned count) {
        std::vector<std::string> p;
        for (unsigned i = 0; i < count; ++i) p.push_back(d + "/shard-" + std::to_string(i));
        return p;
    }
};

bool wants_progress(const IndexOptions& options) {
    if (options.verbosity == Verbosity::quiet || options.progress == ProgressMode::off) return false;
    return options.progress == ProgressMode::on || isatty(STDERR_FILENO);
}

void report_problem(std::ostream& err, const InputError& e, RunCounts& counts) {
    err << "qadex-index: " << e.what() << '\n';
    ++counts.skipped;
}

// --rebuild writes a fresh database beside the old one and swaps it in at
// the end, so searchers keep the old index until the new one is complete.
std::string rebuild_path(const std::string& database) { return database + ".rebuild"; }

void swap_in_rebuilt(const std::string& database) {
    std::string old_path = database + ".old";
    std::error_code ec;
    fs::remove_all(old_path, ec);
    // One atomic exchange where the file system has it (Linux 3.15+): killed
    // at any point, the name searchers open holds a complete database. The
    // two renames below leave a moment with no database at all.
    if (fs::exists(database) &&
        ::renameat2(AT_FDCWD, rebuild_path(database).c_str(), AT_FDCWD, database.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(rebuild_path(database), ec);  // the old database, now
        return;
    }
    if (fs::exists(database)) fs::rename(database, old_path);
    fs::rename(rebuild_path(database), database);
    fs::remove_all(old_path, ec);
}

void print_summary(std::ostream& err, const IndexOptions& options, const RunCounts& counts,
                   const std::optional<WriteCounts>& writes, double seconds, bool interrupted) {
    if (options.verbosity == Verbosity::quiet && counts.skipped == 0 && !interrupted) return;
    err << "qadex-index: " << (interrupted ? "interrupted; " : "") << with_thousands(counts.threads) << " threads ("
        << with_thousands(counts.answers) << " answers) read from " << counts.files << " files";
    if (writes) {
        err << ": threads " << writes->threads_added << " added, " << writes->threads_replaced << " replaced, "
            << writes->threads_deleted << " deleted; answers " << writes->answers_added << " added, "
            << writes->answers_replaced << " replaced, " << writes->answers_deleted << " deleted";
        if (writes->threads_not_found) err << "; " << writes->threads_not_found << " ids to delete not found";
    } else {
        err << " (dry run: nothing written)";
    }
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f s, %.0f answers/s", seconds,
                  seconds > 0 ? static_cast<double>(counts.answers) / seconds : 0.0);
    err << "; " << counts.skipped << " skipped; " << rate << '\n';
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

void print_stats(std::ostream& out, const std::string& database) {
    if (!fs::exists(database)) throw DatabaseMissingError("no database at '" + database + "'");
    DatabaseStats s = read_stats(database);
    out << "database: " << database << "\nschema version: " << s.schema_version << "\nanswers: " << s.answers
        << "\nthreads: " << s.threads << "\nterms: " << s.terms
        << "\naverage answer length: " << static_cast<std::uint64_t>(s.average_length + 0.5) << " terms\n";
}

}  // namespace

int run_indexer(const IndexOptions& options, std::ostream& out, std::ostream& err) {
    if (options.inputs.empty() && options.deletes.empty() && !options.rebuild) {
        // Only --stats: report on the database without creating one.
        if (options.stats) print_stats(out, options.database);
        return exit_code::ok;
    }
    auto start = std::chrono::steady_clock::now();
    std::vector<InputError> problems;
    std::vector<InputFile> inputs = discover_inputs(options.inputs, problems);
    RunCounts counts;
    for (const auto& p : problems) report_problem(err, p, counts);

    const std::string target = options.rebuild ? rebuild_path(options.database) : options.database;
    if (options.rebuild) {
        std::error_code ec;
        fs::remove_all(target, ec);
    }
    std::optional<BuildLock> lock;
    if (!options.dry_run) lock.emplace(options.database);
    // A sharded index (--shards N, or one that exists) stays split: each
    // thread goes to the shard its id hashes to (sharded_index.hpp).
    std::optional<ShardedWriter> split;
    std::optional<ShardedIndex> fresh_split;  // created by this run: compacted at the end
    if (!options.dry_run) {
        if (!is_sharded_index(target) && !stub_file_of(target).empty())
            throw FatalError("'" + target + "' is a stub file listing databases: update the sharded index "
                             "(the directory qadex-index --shards made) instead");
        if (is_sharded_index(target)) {
            ShardedIndex index = open_sharded_index(target);
            if (options.shards && options.shards != index.shards.size())
                throw FatalError("'" + target + "' has " + std::to_string(index.shards.size()) +
                                 " shards; to split it another way, use --rebuild --shards N");
            split.emplace(index, options.batch_size);
        } else if (options.shards) {
            if (fs::exists(target))
                throw FatalError("'" + target + "' is a single database; to split it, use --rebuild --shards N");
            fresh_split = create_sharded_index(target, options.shards);
            split.emplace(*fresh_split, options.batch_size);
        }
    }
    // A build from scratch writes shards in parallel and merges them; an
    // update goes through the database's single writer.
    const bool sharded =
        !split && !options.dry_run && options.threads >= 2 && options.deletes.empty() && !fs::exists(target);
    std::optional<IndexWriter> writer;
    std::optional<ShardBuild> shards;
    if (sharded) shards.emplace(target, options.threads, options.batch_size);
    else if (!options.dry_run && !split) writer.emplace(target, options.batch_size);

    if (!options.dry_run && !options.synonyms_file.empty()) {
        std::vector<InputError> synonym_problems;
        auto groups = read_synonyms_file(options.synonyms_file, synonym_problems);
        for (const auto& p : synonym_problems) report_problem(err, p, counts);
        for (const auto& group : groups) {
            if (writer) writer->add_synonym_group(group, true);
            else if (split) split->add_synonym_group(group, true);
            else shards->set.add_synonym_group(group, true);
        }
    }

    ProgressLine progress(err, wants_progress(options), total_input_bytes(inputs));
    PipelineOptions pipeline;
    pipeline.workers = options.threads;
    pipeline.stop = &stop_signal;
    pipeline.collect_spelling = options.spelling;
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
                ++counts.threads;
                counts.answers += record.answers.size();
                if (writer) {
                    writer->add_synonym_group(record.synonym_group, false);
                    writer->put_thread(record.thread_id, std::move(record.answers));
                } else if (split) {
                    split->put_thread(std::move(record.thread_id), std::move(record.answers), record.synonym_group);
                } else if (shards) {
                    shards->set.put_thread(std::move(record.thread_id), std::move(record.answers),
                                           std::move(record.synonym_group));
                }
                break;
        }
        progress.update(counts.answers, record.bytes_done);
    });
    const bool interrupted = stop_signal.load() != 0;
    if (writer && !interrupted)
        for (const auto& id : options.deletes) writer->delete_thread(id);
    if (split && !interrupted)
        for (const auto& id : options.deletes) split->delete_thread(id);
    progress.finish();

    std::optional<WriteCounts> writes;
    if (writer) {
        writer->commit();
        writes = writer->counts();
        writer.reset();
        if (options.rebuild && !interrupted) swap_in_rebuilt(options.database);
    } else if (split) {
        writes = split->finish();
        split.reset();
        if (fresh_split && !interrupted) compact_sharded_index(*fresh_split);
        if (options.rebuild && !interrupted) swap_in_rebuilt(options.database);
    } else if (shards) {
        writes = shards->finish_and_merge();
        shards.reset();
        if (options.rebuild && !interrupted) swap_in_rebuilt(options.database);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    print_summary(err, options, counts, writes, seconds, interrupted);

    if (options.stats && !options.dry_run) print_stats(out, options.database);
    if (interrupted) return exit_code::interrupted;
    return counts.skipped > 0 ? exit_code::partial : exit_code::ok;
}

}  // namespace qadex
