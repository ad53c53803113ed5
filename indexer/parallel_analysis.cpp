// Reader -> workers -> ordered delivery (see parallel_analysis.hpp).
#include "parallel_analysis.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include <qadex/record_reader.hpp>
#include <qadex/schema.hpp>
#include <qadex/text_normalizer.hpp>

#include "content_hash.hpp"
#include "file_signature.hpp"

namespace qadex {

namespace {

// Records travel in batches so that threads synchronise rarely.
constexpr std::size_t batch_records = 64;
constexpr std::size_t batch_bytes = 4u << 20;
// How long a read of a pipe waits before looking at the stop flag again.
constexpr std::chrono::milliseconds stream_poll_interval{100};

struct Batch {
    std::uint64_t sequence = 0;
    const InputFile* input = nullptr;
    std::vector<RawRecord> records;
    std::vector<AnalysedRecord> results;  // filled by a worker (or by the reader for its own events)
    std::uint64_t file_signature = 0;     // a page file's, stored with its answers
    bool analysed = false;
};

// State shared by the three kinds of threads. Bounded in batches so that
// memory stays flat whatever the input size.
class Channel {
public:
    explicit Channel(std::size_t capacity) : capacity_(capacity) {}

    // Reader: blocks while too many batches are in flight.
    bool push(Batch batch) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return in_flight_ < capacity_ || closed_; });
        if (closed_) return false;
        ++in_flight_;
        bool ready = batch.analysed;
        if (ready) done_.emplace(batch.sequence, std::move(batch));
        else todo_.push_back(std::move(batch));
        lock.unlock();
        (ready ? delivered_ : work_).notify_all();
        return true;
    }
    // Worker: next batch to analyse, or nullopt when there is no more work.
    std::optional<Batch> take() {
        std::unique_lock lock(mutex_);
        work_.wait(lock, [&] { return !todo_.empty() || finished_reading_ || closed_; });
        if (todo_.empty() || closed_) return std::nullopt;
        Batch b = std::move(todo_.front());
        todo_.pop_front();
        return b;
    }
    void finish(Batch batch) {
        std::lock_guard lock(mutex_);
        done_.emplace(batch.sequence, std::move(batch));
        delivered_.notify_all();
    }
    // Consumer: the batch with the next sequence number, or nullopt at the
    // end; with a `timeout` (non-zero), also nullopt with `timed_out` set
    // when none was ready in time.
    std::optional<Batch> next_in_order(std::chrono::milliseconds timeout, bool& timed_out) {
        std::unique_lock lock(mutex_);
        auto ready = [&] { return done_.count(next_) || closed_ || (finished_reading_ && next_ == total_); };
        timed_out = false;
        if (timeout.count() == 0) {
            delivered_.wait(lock, ready);
        } else if (!delivered_.wait_for(lock, timeout, ready)) {
            timed_out = true;
            return std::nullopt;
        }
        auto it = done_.find(next_);
        if (it == done_.end()) return std::nullopt;
        Batch b = std::move(it->second);
        done_.erase(it);
        ++next_;
        --in_flight_;
        space_.notify_all();
        return b;
    }
    void reading_finished(std::uint64_t total_batches) {
        std::lock_guard lock(mutex_);
        finished_reading_ = true;
        total_ = total_batches;
        work_.notify_all();
        delivered_.notify_all();
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        work_.notify_all();
        space_.notify_all();
        delivered_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable work_, space_, delivered_;
    std::deque<Batch> todo_;
    std::map<std::uint64_t, Batch> done_;
    std::size_t capacity_, in_flight_ = 0;
    std::uint64_t next_ = 0, total_ = 0;
    bool finished_reading_ = false, closed_ = false;
};

// Words worth suggesting as spelling corrections: the unstemmed words (3+
// bytes, letters only) of the answer text, question title and question body.
// Returns the word without its field prefix, or "" when it is not one.
std::string_view spelling_word(std::string_view term) {
    for (std::string_view prefix : {schema::prefix::title, schema::prefix::question})
        if (term.starts_with(prefix) && term.size() > prefix.size() && term[prefix.size()] >= 'a') {
            term.remove_prefix(prefix.size());
            break;
        }
    if (term.size() < 3) return {};
    for (unsigned char c : term)
        if (!(c >= 0x80 || (c >= 'a' && c <= 'z'))) return {};
    return term;
}

void collect_spelling(AnswerDocument& answer) {
    for (auto it = answer.document.termlist_begin(); it != answer.document.termlist_end(); ++it) {
        const std::string term = *it;
        if (auto word = spelling_word(term); !word.empty()) answer.spelling_words.emplace_back(word);
    }
}

}  // namespace

void build_documents(const Thread& thread, DocumentBuilder& builder, bool spelling, AnalysedRecord& out,
                     std::size_t begin, std::size_t end) {
    out.answers = builder.build(thread, begin, end);
    const std::string hash_value = encode_content_hash(out.content_hash);
    for (auto& a : out.answers) {
        a.document.add_value(schema::slot::content_hash, hash_value);
        if (out.file_signature)
            a.document.add_value(schema::slot::source_file, encode_content_hash(out.file_signature));
        if (spelling) collect_spelling(a);
    }
    if (begin != 0) return;
    for (const auto& tag : thread.tags) {
        std::string folded = fold_value(tag);
        if (!folded.empty()) out.synonym_group.push_back(std::move(folded));
    }
}

void analyse_record(const RawRecord& record, const InputFile& input, DocumentBuilder& builder,
                    const PipelineOptions& options, AnalysedRecord& out, std::size_t build_limit) {
    out.line = record.format == InputFormat::jsonl ? record.line : 0;
    Thread thread = parse_record(record, input, &out.warnings);
    out.thread_id = thread.id;
    out.thread_key = thread_key(thread.id);
    out.content_hash = content_hash(thread);
    out.answer_count = thread.answers.size();
    // Building is most of a thread's cost: an unchanged one skips it.
    if (options.stored && options.stored->find_key(out.thread_key) == out.content_hash) {
        out.matched_stored = true;
        out.thread = std::move(thread);
    } else if (thread.answers.size() > build_limit) {
        out.thread = std::move(thread);  // too large to hold as documents: built in parts, as it is written
    } else {
        build_documents(thread, builder, options.collect_spelling, out);
    }
}

namespace {

void analyse(Batch& batch, DocumentBuilder& builder, const PipelineOptions& options) {
    std::size_t budget = built_answers_per_batch;  // answers whose documents this batch may still hold
    for (RawRecord& record : batch.records) {
        AnalysedRecord out;
        out.input = batch.input;
        out.bytes_done = record.bytes_done;
        out.file_signature = batch.file_signature;
        try {
            analyse_record(record, *batch.input, builder, options, out, budget);
            budget -= out.answers.size();
        } catch (const InputError& e) {
            out.kind = AnalysedRecord::Kind::problem;
            out.problem = e;
        }
        record.text = std::string();  // parsed: a long line is not held twice
        batch.results.push_back(std::move(out));
    }
    batch.records.clear();
    batch.analysed = true;
}

AnalysedRecord event(AnalysedRecord::Kind kind, const InputFile* input, std::optional<InputError> problem,
                     std::uint64_t bytes_done) {
    AnalysedRecord r;
    r.kind = kind;
    r.input = input;
    r.problem = std::move(problem);
    r.bytes_done = bytes_done;
    return r;
}

// Reader thread body: every file's records in order, cut into batches.
void read_all(const std::vector<InputFile>& inputs, const PipelineOptions& options, Channel& channel) {
    std::uint64_t sequence = 0, bytes_before = 0;
    auto stopped = [&] { return options.stop && options.stop->load() != 0; };
    auto send_event = [&](Batch& b) {
        b.sequence = sequence++;
        b.analysed = true;
        return channel.push(std::move(b));
    };
    for (const InputFile& input : inputs) {
        if (stopped()) break;
        Batch start;
        start.input = &input;
        start.results.push_back(event(AnalysedRecord::Kind::file_started, &input, std::nullopt, bytes_before));
        if (!send_event(start)) return;
        std::uint64_t file_bytes = 0;
        // A page file is taken as it is before it is read (file_signature.hpp).
        const std::uint64_t signature = page_file_signature(input).value_or(0);
        if (const auto* page = options.stored && signature ? options.stored->find_page(signature) : nullptr) {
            Batch unread;
            unread.input = &input;
            AnalysedRecord r = event(AnalysedRecord::Kind::thread, &input, std::nullopt, bytes_before);
            r.page_unread = true;
            r.thread_key = page->thread_key;
            r.content_hash = page->content_hash;
            r.file_signature = signature;
            r.answer_count = page->answers;
            unread.results.push_back(std::move(r));
            if (!send_event(unread)) return;
            std::error_code ec;
            const auto size = std::filesystem::file_size(input.path, ec);
            bytes_before += ec ? 0 : size;
            continue;
        }
        try {
            RecordReader reader(input);
            reader.stop_when(options.stop);
            Batch batch;
            std::size_t bytes = 0;
            auto flush = [&] {
                if (batch.records.empty()) return true;
                batch.input = &input;
                batch.file_signature = signature;
                batch.sequence = sequence++;
                bool ok = channel.push(std::move(batch));
                batch = Batch{};
                bytes = 0;
                return ok;
            };
            for (;;) {
                if (stopped()) break;
                RawRecord record;
                try {
                    if (!reader.is_stream()) {
                        if (!reader.next(record)) break;
                    } else {
                        // A pipe: what was read goes on as soon as the pipe has
                        // nothing more (so it can be committed), and a stop
                        // request is seen within a poll interval.
                        const auto wait = batch.records.empty() ? stream_poll_interval : std::chrono::milliseconds(0);
                        const auto status = reader.next_within(record, wait);
                        if (status == RecordReader::ReadStatus::end) break;
                        if (status == RecordReader::ReadStatus::waiting) {
                            if (!flush()) return;
                            continue;
                        }
                    }
                } catch (const InputError& e) {
                    if (!flush()) return;
                    Batch problem;
                    problem.input = &input;
                    problem.results.push_back(event(AnalysedRecord::Kind::problem, &input, e, bytes_before + reader.bytes_read()));
                    if (!send_event(problem)) return;
                    continue;
                }
                record.bytes_done = bytes_before + reader.bytes_read();
                bytes += record.text.size();
                batch.records.push_back(std::move(record));
                if ((batch.records.size() >= batch_records || bytes >= batch_bytes) && !flush()) return;
            }
            if (!flush()) return;
            file_bytes = reader.bytes_read();
        } catch (const InputError& e) {
            Batch problem;
            problem.input = &input;
            problem.results.push_back(event(AnalysedRecord::Kind::problem, &input, e, bytes_before));
            if (!send_event(problem)) return;
        }
        bytes_before += file_bytes;
    }
    channel.reading_finished(sequence);
}

}  // namespace

void analyse_inputs(const std::vector<InputFile>& inputs, const PipelineOptions& options,
                    const std::function<void(AnalysedRecord&)>& consume) {
    const unsigned workers = std::max(1u, options.workers);
    Channel channel(4 * workers + 4);
    std::exception_ptr reader_error;
    std::thread reader([&] {
        try {
            read_all(inputs, options, channel);
        } catch (...) {
            reader_error = std::current_exception();
            channel.close();
        }
    });
    std::vector<std::exception_ptr> worker_errors(workers);
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < workers; ++w) {
        pool.emplace_back([&, w] {
            try {
                DocumentBuilder builder;
                while (auto batch = channel.take()) {
                    analyse(*batch, builder, options);
                    channel.finish(std::move(*batch));
                }
            } catch (...) {
                worker_errors[w] = std::current_exception();
                channel.close();
            }
        });
    }
    std::exception_ptr consumer_error;
    try {
        for (;;) {
            bool timed_out = false;
            auto batch = channel.next_in_order(options.idle ? options.idle_interval : std::chrono::milliseconds(0),
                                               timed_out);
            if (timed_out) {
                options.idle();
                continue;
            }
            if (!batch) break;
            for (auto& result : batch->results) consume(result);
        }
    } catch (...) {
        consumer_error = std::current_exception();
    }
    channel.close();
    reader.join();
    for (auto& t : pool) t.join();
    if (consumer_error) std::rethrow_exception(consumer_error);
    if (reader_error) std::rethrow_exception(reader_error);
    for (auto& e : worker_errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace qadex
