// Writing what changed (see changed_thread_writer.hpp).
#include "changed_thread_writer.hpp"

#include <qadex/record_reader.hpp>

namespace qadex {

ChangedThreadWriter::ChangedThreadWriter(IndexTarget& target, StoredHashes stored, bool spelling)
    : filter_(std::move(stored)), target_(target), spelling_(spelling) {}

bool ChangedThreadWriter::store(AnalysedRecord& record) {
    if (filter_.unchanged(record.thread_key, record.content_hash)) return false;
    // The stored hash was stale: this run already rewrote the thread from
    // another version of it, so this one is written again (the later wins).
    if (!builder_ && (record.page_unread || record.matched_stored)) builder_.emplace();
    if (record.page_unread) {
        RecordReader reader(*record.input);
        RawRecord raw;
        if (!reader.next(raw)) throw InputError(record.input->display_name, 0, "the page is empty now");
        PipelineOptions build_all;  // no stored hashes: always built
        build_all.collect_spelling = spelling_;
        const std::uint64_t signature = record.file_signature;
        const InputFile* input = record.input;
        record = AnalysedRecord{};
        record.input = input;
        record.file_signature = signature;
        analyse_record(raw, *record.input, *builder_, build_all, record);
        if (filter_.unchanged(record.thread_key, record.content_hash)) return false;
    } else if (record.matched_stored) {
        build_documents(*record.thread, *builder_, spelling_, record);
    }
    filter_.written(record.thread_key, record.content_hash);
    target_.put_thread(std::move(record.thread_id), std::move(record.answers), std::move(record.synonym_group));
    return true;
}

}  // namespace qadex
