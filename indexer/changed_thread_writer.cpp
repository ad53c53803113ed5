// Writing what changed (see changed_thread_writer.hpp).
#include "changed_thread_writer.hpp"

#include <qadex/record_reader.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

std::vector<std::string_view> answer_ids_of(const AnalysedRecord& record) {
    std::vector<std::string_view> ids;
    if (record.thread) {
        ids.reserve(record.thread->answers.size());
        for (const Answer& answer : record.thread->answers) ids.push_back(answer.id);
    } else {
        ids.reserve(record.answers.size());
        for (const AnswerDocument& answer : record.answers) ids.push_back(answer.answer_id);
    }
    return ids;
}

void claim_answers(AnswerOwners& owners, const AnalysedRecord& record) {
    const std::vector<std::string_view> ids = answer_ids_of(record);
    if (auto conflict = owners.conflict(record.thread_id, ids))
        throw InputError(record.input->display_name, record.line,
                         "answer id '" + std::string(utf8::truncate(conflict->answer_id, 80)) +
                             "' already belongs to thread '" + std::string(utf8::truncate(conflict->owner, 80)) +
                             "'; thread '" + std::string(utf8::truncate(record.thread_id, 80)) + "' skipped");
    owners.claim(record.thread_id, ids);
}

ChangedThreadWriter::ChangedThreadWriter(IndexTarget& target, StoredHashes stored, bool spelling)
    : filter_(std::move(stored)), target_(target), spelling_(spelling),
      owners_([&target](const std::string& answer_id) { return target.thread_holding(answer_id); }) {}

bool ChangedThreadWriter::store(AnalysedRecord& record) {
    if (filter_.unchanged(record.thread_key, record.content_hash)) return false;
    if (record.page_unread) {
        // The stored hash was stale: this run already rewrote the thread from
        // another version of it, so this one is written again (the later wins).
        if (!builder_) builder_.emplace();
        RecordReader reader(*record.input);
        RawRecord raw;
        if (!reader.next(raw)) throw InputError(record.input->display_name, 0, "the page is empty now");
        PipelineOptions build_all;  // no stored hashes: always built (a large page in parts, below)
        build_all.collect_spelling = spelling_;
        const std::uint64_t signature = record.file_signature;
        const InputFile* input = record.input;
        record = AnalysedRecord{};
        record.input = input;
        record.file_signature = signature;
        analyse_record(raw, *record.input, *builder_, build_all, record, built_answers_per_batch);
        if (filter_.unchanged(record.thread_key, record.content_hash)) return false;
    }
    claim_answers(owners_, record);
    filter_.written(record.thread_key, record.content_hash);
    if (!record.thread) {
        target_.put_thread(std::move(record.thread_id), std::move(record.answers), std::move(record.synonym_group),
                           ThreadPart::whole);
        return true;
    }
    // Not built by a worker: built here, a part at a time, each part written
    // before the next is built.
    if (!builder_) builder_.emplace();
    const Thread& thread = *record.thread;
    const std::size_t count = thread.answers.size();
    std::size_t begin = 0;
    do {
        const std::size_t end = std::min(count, begin + answers_per_part);
        AnalysedRecord part;
        part.content_hash = record.content_hash;
        part.file_signature = record.file_signature;
        build_documents(thread, *builder_, spelling_, part, begin, end);
        const ThreadPart which = begin == 0 ? (end == count ? ThreadPart::whole : ThreadPart::first)
                                            : (end == count ? ThreadPart::last : ThreadPart::middle);
        target_.put_thread(thread.id, std::move(part.answers), std::move(part.synonym_group), which);
        begin = end;
    } while (begin < count);
    return true;
}

}  // namespace qadex
