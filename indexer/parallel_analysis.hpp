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

#include "document_builder.hpp"

namespace qadex {

struct AnalysedRecord {
    enum class Kind { file_started, thread, problem } kind = Kind::thread;
    const InputFile* input = nullptr;
    std::optional<InputError> problem;         // Kind::problem
    std::string thread_id;                     // Kind::thread
    std::vector<AnswerDocument> answers;
    std::vector<std::string> synonym_group;    // the thread's tags, folded
    std::uint64_t bytes_done = 0;              // input bytes consumed up to this record
};

struct PipelineOptions {
    unsigned workers = 2;                     // analysis threads
    bool collect_spelling = true;             // fill AnswerDocument::spelling_words
    const std::atomic<int>* stop = nullptr;   // non-zero: stop reading, deliver what is done
    // Called on the consumer's thread whenever no result came for
    // `idle_interval` (a slow pipe), e.g. to commit what was delivered.
    std::function<void()> idle;
    std::chrono::milliseconds idle_interval{250};
};

// Runs the pipeline to the end of the inputs (or the stop flag) and calls
// `consume` for every result, in input order, on the calling thread. An
// exception thrown by `consume` stops the pipeline and is rethrown.
void analyse_inputs(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                    const std::function<void(AnalysedRecord&)>& consume);

}  // namespace qadex
