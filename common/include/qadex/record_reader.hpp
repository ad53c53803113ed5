// Reads raw records from one input file: a JSON Lines file (plain or gzip,
// or stdin) yields one record per non-blank line, a page file one record for
// the whole page (text or HTML). Parsing the record is left to the caller, so that it can
// happen on worker threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <qadex/document.hpp>
#include <qadex/input_files.hpp>

namespace qadex {

struct RawRecord {
    InputFormat format = InputFormat::jsonl;
    std::string text;
    std::size_t line = 0;  // 1-based line where the record starts (1 for a page)
    std::uint64_t bytes_done = 0;  // input bytes consumed up to here, for progress
};

// Limits that keep memory bounded on hostile input.
inline constexpr std::size_t max_record_bytes = 64u << 20;  // one JSON line or one page
// A JSON Lines input with no newline in its first max_record_bytes (/dev/zero
// behind a link, a binary file) is refused whole; a later over-long line is skipped.

class RecordReader {
public:
    // Opens the file. Throws InputError("FILE: reason") when it cannot, or
    // when it is not a regular file (a FIFO or a device could block or never
    // end; only standard input may be a pipe or terminal).
    explicit RecordReader(const InputFile& input);
    ~RecordReader();
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;

    // Next record, or false at the end of the file. Throws InputError for a
    // record that cannot be read (over-long line, truncated gzip data); the
    // reader stays usable and the following call goes on after it.
    bool next(RawRecord& record);

    // As next(), but standard input read from a pipe or terminal waits at
    // most `timeout` for its next record: `waiting` when none came (a partial
    // line is kept for the next call) or a signal arrived. A file never waits.
    enum class ReadStatus { record, end, waiting };
    ReadStatus next_within(RawRecord& record, std::chrono::milliseconds timeout);

    // Standard input as a pipe or terminal: records arrive when they arrive.
    bool is_stream() const;

    // The run's stop flag (set by SIGINT/SIGTERM). Once it is non-zero, a read
    // ends within a fraction of a second, however long the line or silent the
    // pipe: next() returns false and next_within() `end`, dropping the
    // unfinished line. None by default.
    void stop_when(const std::atomic<int>* flag);

    const InputFile& input() const { return input_; }
    std::uint64_t bytes_read() const;  // bytes of the file consumed so far (compressed)

private:
    bool read_next(RawRecord& record);
    struct Impl;
    InputFile input_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace qadex

namespace qadex {

// Parses a raw record in its format (JSON Lines, page text or HTML page)
// into a Thread. Throws InputError("FILE:LINE: reason"). Problems that still
// let the thread be indexed (a page's answer count) are added to `warnings`.
Thread parse_record(const RawRecord& record, const InputFile& input, std::vector<InputError>* warnings = nullptr);

}  // namespace qadex
