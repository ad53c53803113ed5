// The indexer's pipeline: one thread reads records, worker threads parse and
// analyse them into Xapian documents, and the caller's thread receives the
// results in input order (so the single database writer sees a stable,
// reproducible sequence, and "the later version wins" holds).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <qadex/error.hpp>
#include <qadex/input_files.hpp>
#include <qadex/record_reader.hpp>

#include "document_builder.hpp"
#include "stored_hashes.hpp"

namespace qadex {

// Memory bounds for threads of many answers (a thread's documents take some
// fifty times its JSON): a worker builds the documents of at most
// `built_answers_per_batch` answers per batch of records, and a thread that
// does not fit is passed on unbuilt, for the writer's side to build and write
// `answers_per_part` answers at a time (thread_part.hpp).
inline constexpr std::size_t built_answers_per_batch = 2048;
inline constexpr std::size_t answers_per_part = 256;

struct AnalysedRecord {
    enum class Kind { file_started, thread, problem } kind = Kind::thread;
    const InputFile* input = nullptr;
    std::size_t line = 0;                      // the record's line in a JSON Lines input (0: a page)
    std::optional<InputError> problem;         // Kind::problem
    std::string thread_id;                     // Kind::thread ("" for an unread page)
    std::uint64_t thread_key = 0;              // thread_key(thread_id)
    std::uint64_t content_hash = 0;            // content_hash.hpp
    std::uint64_t file_signature = 0;          // a page file's (file_signature.hpp), or 0
    // True when the stored hash matched: the documents were not built, and
    // `thread` holds the parse in case the writer's side must build them after all.
    bool matched_stored = false;
    // Set when the documents were not built (the hash matched, or the thread
    // did not fit the batch's budget): the writer's side builds them, in parts.
    std::optional<Thread> thread;
    // True when a page file's signature matched: the page was not even read
    // (thread_key, content_hash and answer_count are the stored ones).
    bool page_unread = false;
    std::size_t answer_count = 0;              // the thread's answers, built or not
    std::vector<AnswerDocument> answers;       // each with its content hash value
    std::vector<std::string> synonym_group;    // the thread's tags, folded
    std::vector<InputError> warnings;          // Kind::thread: indexed anyway (a page's answer count)
    std::uint64_t bytes_done = 0;              // input bytes consumed up to this record
};

struct PipelineOptions {
    unsigned workers = 2;                     // analysis threads
    bool collect_spelling = true;             // fill AnswerDocument::spelling_words
    const std::atomic<int>* stop = nullptr;   // non-zero: stop reading, deliver what is done
    const StoredHashes* stored = nullptr;     // threads whose hash matches are not built
    // Called on the consumer's thread whenever no result came for
    // `idle_interval` (a slow pipe), e.g. to commit what was delivered.
    std::function<void()> idle;
    std::chrono::milliseconds idle_interval{250};
};

// Builds the documents of answers [begin, end) of the thread into `out`
// (answers, spelling words, content hash and page file signature values; the
// synonym group with the first answer), as the workers do;
// `out.content_hash` and `out.file_signature` are set.
void build_documents(const Thread& thread, DocumentBuilder& builder, bool spelling, AnalysedRecord& out,
                     std::size_t begin = 0, std::size_t end = SIZE_MAX);

// Parses `record` into `out` (thread id, key, hash, answer count, line) and
// builds its documents unless `stored` holds its hash or the thread has more
// than `build_limit` answers (then `out.thread` holds it); throws InputError.
void analyse_record(const RawRecord& record, const InputFile& input, DocumentBuilder& builder,
                    const PipelineOptions& options, AnalysedRecord& out, std::size_t build_limit = SIZE_MAX);

// Runs the pipeline to the end of the inputs (or the stop flag) and calls
// `consume` for every result, in input order, on the calling thread. An
// exception thrown by `consume` stops the pipeline and is rethrown.
void analyse_inputs(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                    const std::function<void(AnalysedRecord&)>& consume);

}  // namespace qadex
