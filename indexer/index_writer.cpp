// Thread-level replace/delete on one Xapian WritableDatabase (see index_writer.hpp).
#include "index_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include <qadex/database_location.hpp>
#include <qadex/schema.hpp>

namespace qadex {

namespace {

Xapian::WritableDatabase open_writable(const std::string& path, bool durable) {
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | (durable ? 0 : Xapian::DB_NO_SYNC));
    } catch (const Xapian::DatabaseLockError& e) {
        // Xapian says so too when it may not create its lock file (a read-only directory).
        if (!e.get_msg().ends_with("already locked"))
            throw FatalError("cannot write to the database '" + path + "': " + e.get_msg());
        throw DatabaseLockedError("'" + path + "' is locked by another writer (another qadex-index is running)");
    }
}

std::vector<Xapian::docid> thread_documents(const Xapian::Database& db, const std::string& thread_term) {
    std::vector<Xapian::docid> ids;
    for (auto it = db.postlist_begin(thread_term); it != db.postlist_end(thread_term); ++it) ids.push_back(*it);
    return ids;
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, std::uint32_t batch_size, bool durable)
    : db_(open_writable(path, durable)), path_(path), batch_size_(std::max<std::uint32_t>(batch_size, 1)) {
    check_schema(db_, path);
    if (db_.get_metadata(schema::metadata::schema_version).empty()) {
        begin_change();
        db_.set_metadata(schema::metadata::schema_version, std::to_string(schema::version));
    }
}

IndexWriter::~IndexWriter() {
    // Changes since the last commit() live in an open transaction, which
    // close() cancels: an abandoned batch never lands half-written.
    try {
        db_.close();
    } catch (...) {
    }
}

void IndexWriter::begin_change() {
    // Each batch is one transaction, so Xapian's own automatic flush (every
    // 10,000 changes) can never commit half of a thread.
    if (!in_transaction_) {
        db_.begin_transaction(true);
        in_transaction_ = true;
    }
}

void IndexWriter::end_thread() {
    ++threads_since_commit_;
    if (pending_ >= batch_size_) commit();
}

void IndexWriter::put_thread(const std::string& thread_id, std::vector<AnswerDocument>&& answers, ThreadPart part) {
    if (starts_thread(part)) {
        if (open_thread_) throw std::logic_error("put_thread: '" + open_thread_->id + "' has no last part");
        OpenThread open{thread_id, thread_documents(db_, schema::id_term(schema::prefix::thread_id, thread_id)), {}, false};
        std::sort(open.old_docs.begin(), open.old_docs.end());
        open.replaced.assign(open.old_docs.size(), false);
        open.existed = !open.old_docs.empty();
        open_thread_ = std::move(open);
    } else if (!open_thread_ || open_thread_->id != thread_id) {
        throw std::logic_error("put_thread: a part of '" + thread_id + "' without its first part");
    }
    const std::vector<Xapian::docid>& old_docs = open_thread_->old_docs;
    std::vector<bool>& replaced = open_thread_->replaced;
    begin_change();

    for (auto& answer : answers) {
        Xapian::docid last_before = db_.get_lastdocid();
        Xapian::docid id = db_.replace_document(schema::id_term(schema::prefix::answer_id, answer.answer_id),
                                                answer.document);
        auto old = std::lower_bound(old_docs.begin(), old_docs.end(), id);
        if (old != old_docs.end() && *old == id) {
            replaced[static_cast<std::size_t>(old - old_docs.begin())] = true;
            ++counts_.answers_replaced;
        } else if (id <= last_before) {
            ++counts_.answers_replaced;  // the answer id moved here from another thread
        } else {
            ++counts_.answers_added;
        }
        for (const auto& word : answer.spelling_words) ++pending_spelling_[word];
        count_change();
    }
    if (!ends_thread(part)) return;  // no commit inside a thread
    for (std::size_t i = 0; i < old_docs.size(); ++i) {
        if (replaced[i]) continue;
        db_.delete_document(old_docs[i]);
        ++counts_.answers_deleted;
        count_change();
    }
    ++(open_thread_->existed ? counts_.threads_replaced : counts_.threads_added);
    open_thread_.reset();
    end_thread();
}

void IndexWriter::add_synonym_group(const std::vector<std::string>& group, bool all_pairs) {
    if (group.size() < 2) return;
    std::string key;
    for (const auto& term : group) key += term + '\n';
    if (!synonym_groups_seen_.insert(key).second) return;
    // Tags name one main term and its other names: link each name to the
    // main one. A synonyms file line lists equals: link every pair.
    for (std::size_t i = 0; i < group.size(); ++i) {
        for (std::size_t j = 0; j < group.size(); ++j) {
            if (i == j || (!all_pairs && i != 0 && j != 0) || group[i] == group[j]) continue;
            // A pair the table has is not added again: Xapian would rewrite
            // it, and a nightly run with --synonyms would commit a new revision.
            if (has_synonym(group[i], group[j])) continue;
            begin_change();
            db_.add_synonym(group[i], group[j]);
        }
    }
}

bool IndexWriter::has_synonym(const std::string& term, const std::string& synonym) const {
    for (auto it = db_.synonyms_begin(term); it != db_.synonyms_end(term); ++it)
        if (*it == synonym) return true;
    return false;
}

void IndexWriter::add_spelling(const std::vector<std::string>& words) {
    for (const auto& word : words) ++pending_spelling_[word];
}

bool IndexWriter::delete_thread(const std::string& thread_id) {
    const std::string thread_term = schema::id_term(schema::prefix::thread_id, thread_id);
    auto docs = thread_documents(db_, thread_term);
    if (docs.empty()) {
        ++counts_.threads_not_found;
        return false;
    }
    begin_change();
    for (Xapian::docid id : docs) {
        db_.delete_document(id);
        ++counts_.answers_deleted;
        count_change();
    }
    ++counts_.threads_deleted;
    end_thread();
    return true;
}

void IndexWriter::count_change() { ++pending_; }

void IndexWriter::commit() {
    if (open_thread_) throw std::logic_error("commit inside thread '" + open_thread_->id + "': it has no last part yet");
    // One add_spelling() per distinct word of the batch: Xapian's spelling
    // table update is costly per call, far less so per extra frequency.
    if (!pending_spelling_.empty()) {
        begin_change();
        for (const auto& [word, freq] : pending_spelling_) db_.add_spelling(word, freq);
        pending_spelling_.clear();
    }
    if (in_transaction_) {
        in_transaction_ = false;
        db_.commit_transaction();
    } else {
        db_.commit();
    }
    pending_ = 0;
    committed_threads_ += threads_since_commit_;
    threads_since_commit_ = 0;
}

DatabaseStats read_stats(const std::string& path) {
    Xapian::Database db(path);
    DatabaseStats s;
    s.answers = db.get_doccount();
    s.schema_version = db.get_metadata(schema::metadata::schema_version);
    s.average_length = db.get_avlength();
    for (auto it = db.allterms_begin(schema::prefix::thread_id); it != db.allterms_end(schema::prefix::thread_id); ++it)
        ++s.threads;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) ++s.terms;
    return s;
}

}  // namespace qadex
