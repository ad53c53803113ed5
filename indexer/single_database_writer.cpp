// Writes straight to one database (see single_database_writer.hpp).
#include "single_database_writer.hpp"

#include <qadex/schema.hpp>

namespace qadex {

SingleDatabaseWriter::SingleDatabaseWriter(const std::string& path, std::uint32_t batch_size) {
    writer_.emplace(path, batch_size);
    was_empty_ = writer_->database().get_doccount() == 0;
}

StoredHashes SingleDatabaseWriter::stored_hashes() {
    StoredHashes hashes;
    hashes.add_from(writer_->database());
    return hashes;
}

void SingleDatabaseWriter::put_thread(std::string thread_id, std::vector<AnswerDocument>&& answers,
                                      std::vector<std::string>&& tags, ThreadPart part) {
    writer_->add_synonym_group(tags, false);
    writer_->put_thread(thread_id, std::move(answers), part);
}

std::optional<std::string> SingleDatabaseWriter::thread_holding(const std::string& answer_id) {
    if (was_empty_) return std::nullopt;
    // The writer's own view: what is stored, with this run's writes so far.
    const Xapian::Database& db = writer_->database();
    const std::string term = schema::id_term(schema::prefix::answer_id, answer_id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return std::nullopt;
    return db.get_document(*it).get_value(schema::slot::thread_id);
}

void SingleDatabaseWriter::delete_thread(std::string thread_id) { writer_->delete_thread(thread_id); }

void SingleDatabaseWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    writer_->add_synonym_group(group, all_pairs);
}

bool SingleDatabaseWriter::commit() {
    writer_->commit();
    return true;
}

WriteCounts SingleDatabaseWriter::finish(bool /*complete*/) {
    writer_->commit();
    WriteCounts counts = writer_->counts();
    writer_.reset();
    return counts;
}

}  // namespace qadex
