// Record reading with zlib, which reads plain and gzip files alike.
#include <qadex/record_reader.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <qadex/error.hpp>

#include "stream_input.hpp"

namespace qadex {

namespace {

// zlib names the file "<fd:8>" in its messages: the caller names it properly.
std::string zlib_reason(const char* msg) {
    std::string_view m(msg ? msg : "");
    if (m.starts_with("<fd:"))
        if (auto colon = m.find(": "); colon != std::string_view::npos) m.remove_prefix(colon + 2);
    return std::string(m);
}

}  // namespace

// Thrown by fill() when a pipe had nothing before the deadline: next_within() says `waiting`.
struct NothingYet {};
// Thrown by fill() once the stop flag is set: the read ends as at the end of the input.
struct Stopped {};

// How long a read of a silent pipe waits before it looks at the stop flag again.
constexpr std::chrono::milliseconds stop_poll_interval{100};

struct RecordReader::Impl {
    gzFile gz = nullptr;
    int fd = -1;
    std::unique_ptr<StreamInput> stream;  // stdin as a pipe or terminal, instead of gz
    std::optional<StreamInput::clock::time_point> deadline;  // for stream reads; none: wait
    std::string buffer;  // decompressed bytes not yet returned
    std::size_t pos = 0;
    bool eof = false;
    bool page_done = false;
    bool seen_newline = false;  // a JSON Lines input with none in its first max_record_bytes is refused
    std::size_t line = 0;
    const std::atomic<int>* stop = nullptr;

    ~Impl() {
        if (gz) gzclose(gz);  // also closes fd
    }

    // Appends more decompressed data; returns false at end of data.
    bool fill(const InputFile& input) {
        if (eof) return false;
        if (stop && stop->load() != 0) throw Stopped{};
        if (pos > 0 && pos == buffer.size()) {
            buffer.clear();
            pos = 0;
        } else if (pos > (1u << 20)) {
            buffer.erase(0, pos);
            pos = 0;
        }
        if (stream) return fill_stream(input);
        char chunk[1 << 16];
        int n = gzread(gz, chunk, sizeof chunk);
        if (n < 0) {
            int errnum = 0;
            const char* msg = gzerror(gz, &errnum);
            eof = true;
            throw InputError(input.display_name, line + 1,
                             errnum == Z_ERRNO ? std::string("read error: ") + std::strerror(errno)
                                               : "corrupt compressed data: " + zlib_reason(msg));
        }
        if (n == 0) {
            eof = true;
            int errnum = 0;
            const char* msg = gzerror(gz, &errnum);
            if (errnum == Z_BUF_ERROR) {  // gzip stream ended before its trailer
                buffer.clear();  // the unfinished last line is not a record
                pos = 0;
                throw InputError(input.display_name, line + 1, "truncated compressed data: " + zlib_reason(msg));
            }
            return false;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    bool fill_stream(const InputFile& input) {
        // Waits in short slices, so that a stop request is seen however long
        // the pipe stays silent (a signal may be handled by another thread,
        // which does not interrupt this one's poll()).
        for (;;) {
            auto until = StreamInput::clock::now() + stop_poll_interval;
            if (deadline && *deadline < until) until = *deadline;
            try {
                switch (stream->read(buffer, until)) {
                    case StreamInput::Result::data: return true;
                    case StreamInput::Result::end: eof = true; return false;
                    case StreamInput::Result::waiting: break;
                }
            } catch (const StreamInput::Error& e) {
                eof = true;
                buffer.clear();  // the unfinished last line is not a record
                pos = 0;
                throw InputError(input.display_name, line + 1, e.what());
            }
            if (stop && stop->load() != 0) throw Stopped{};
            if (deadline && StreamInput::clock::now() >= *deadline) throw NothingYet{};
        }
    }
};

RecordReader::RecordReader(const InputFile& input) : input_(input), impl_(std::make_unique<Impl>()) {
    if (input.path.empty()) {
        impl_->fd = dup(STDIN_FILENO);
        struct stat st {};
        if (impl_->fd >= 0 && fstat(impl_->fd, &st) == 0 && !S_ISREG(st.st_mode)) {
            impl_->stream = std::make_unique<StreamInput>(impl_->fd);
            return;
        }
    } else {
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer. It is
        // refused below, as is any file that is not a regular one.
        impl_->fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (impl_->fd >= 0) {
            struct stat st {};
            std::string refused;
            if (fstat(impl_->fd, &st) != 0) refused = std::string("cannot read: ") + std::strerror(errno);
            else if (S_ISDIR(st.st_mode)) refused = "is a directory";
            else refused = not_regular_file_reason(st.st_mode);
            if (!refused.empty()) {
                ::close(impl_->fd);
                throw InputError(input.display_name, 0, refused);
            }
            ::fcntl(impl_->fd, F_SETFL, ::fcntl(impl_->fd, F_GETFL) & ~O_NONBLOCK);
        }
    }
    if (impl_->fd < 0) throw InputError(input.display_name, 0, std::string("cannot open: ") + std::strerror(errno));
    impl_->gz = gzdopen(impl_->fd, "rb");
    if (!impl_->gz) {
        ::close(impl_->fd);
        throw InputError(input.display_name, 0, "cannot open: out of memory");
    }
    gzbuffer(impl_->gz, 1 << 17);
}

RecordReader::~RecordReader() = default;

std::uint64_t RecordReader::bytes_read() const {
    if (impl_->stream) return impl_->stream->bytes_read();
    const auto offset = impl_->gz ? gzoffset(impl_->gz) : 0;
    return offset > 0 ? static_cast<std::uint64_t>(offset) : 0;  // -1 when zlib cannot tell
}

bool RecordReader::is_stream() const { return impl_->stream != nullptr; }

void RecordReader::stop_when(const std::atomic<int>* flag) { impl_->stop = flag; }

bool RecordReader::next(RawRecord& record) {
    impl_->deadline.reset();
    try {
        return read_next(record);
    } catch (const Stopped&) {
        return false;
    }
}

RecordReader::ReadStatus RecordReader::next_within(RawRecord& record, std::chrono::milliseconds timeout) {
    impl_->deadline = StreamInput::clock::now() + timeout;
    try {
        return read_next(record) ? ReadStatus::record : ReadStatus::end;
    } catch (const NothingYet&) {
        return ReadStatus::waiting;  // the partial line stays buffered
    } catch (const Stopped&) {
        return ReadStatus::end;
    }
}

bool RecordReader::read_next(RawRecord& record) {
    Impl& s = *impl_;
    record.format = input_.format;
    if (input_.format != InputFormat::jsonl) {  // a page is one record
        if (s.page_done) return false;
        s.page_done = true;
        while (s.fill(input_)) {
            if (s.buffer.size() > max_record_bytes)
                throw InputError(input_.display_name, 0, "page larger than " + std::to_string(max_record_bytes >> 20) + " MiB");
        }
        record.text = std::move(s.buffer);
        record.line = 1;
        return true;
    }
    for (;;) {
        // Find the end of the current line, reading more as needed.
        std::size_t scanned = 0;  // bytes after pos known to hold no newline
        std::size_t newline;
        bool too_long = false;
        while ((newline = s.buffer.find('\n', s.pos + scanned)) == std::string::npos) {
            scanned = s.buffer.size() - s.pos;
            if (scanned > max_record_bytes) {
                too_long = true;
                break;
            }
            if (!s.fill(input_)) break;
        }
        if (too_long && !s.seen_newline) {
            // Not JSON Lines at all (/dev/zero, a binary file, one endless
            // line): the rest of the input is not read.
            s.eof = true;
            s.buffer.clear();
            s.pos = 0;
            throw InputError(input_.display_name, 0,
                             "no newline in the first " + std::to_string(max_record_bytes >> 20) +
                                 " MiB (not JSON Lines); file skipped");
        }
        if (too_long) {
            // Skip to the end of the over-long line without keeping it
            // (waiting as long as it takes: this loop cannot resume).
            s.deadline.reset();
            std::size_t line_no = ++s.line;
            s.buffer.clear();
            s.pos = 0;
            while (s.fill(input_)) {  // ends at a stop request too (fill() throws Stopped)
                auto nl = s.buffer.find('\n');
                if (nl != std::string::npos) {
                    s.pos = nl + 1;
                    break;
                }
                s.buffer.clear();
            }
            throw InputError(input_.display_name, line_no,
                             "line longer than " + std::to_string(max_record_bytes >> 20) + " MiB, skipped");
        }
        if (newline == std::string::npos && s.pos == s.buffer.size()) return false;
        if (newline != std::string::npos) s.seen_newline = true;
        std::size_t end = newline == std::string::npos ? s.buffer.size() : newline;
        ++s.line;
        std::string_view text(s.buffer.data() + s.pos, end - s.pos);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        s.pos = newline == std::string::npos ? end : end + 1;
        if (text.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank lines are allowed
        record.text.assign(text);
        record.line = s.line;
        return true;
    }
}

}  // namespace qadex

#include <qadex/html_page.hpp>
#include <qadex/page_parser.hpp>
#include <qadex/thread_json.hpp>

namespace qadex {

Thread parse_record(const RawRecord& record, const InputFile& input, std::vector<InputError>* warnings) {
    switch (record.format) {
        case InputFormat::page: return parse_page(record.text, input.display_name, input.default_id, warnings);
        case InputFormat::html_page: return parse_html_page(record.text, input.display_name, input.default_id, warnings);
        case InputFormat::jsonl: break;
    }
    return parse_thread_json(record.text, input.display_name, record.line);
}

}  // namespace qadex
