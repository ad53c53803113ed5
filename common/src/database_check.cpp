// Cheap checks that a database reads cleanly (see database_check.hpp).
#include <qadex/database_check.hpp>

#include <cerrno>
#include <cstring>
#include <string_view>

#include <qadex/schema.hpp>

namespace qadex {

namespace {

// Past every key qadex writes (terms, spelling words and synonym keys are
// UTF-8, which never holds the byte 0xff): skipping to it reads the path
// down to the table's last leaf block.
const std::string past_last_key(4, '\xff');
const std::string before_first_key(3, '\x01');

bool error_string_is(const Xapian::Error& e, int err) {
    const char* s = e.get_error_string();
    return s && std::strcmp(s, std::strerror(err)) == 0;
}

// Reads what `probe` reads; a damaged block becomes DatabaseDamagedError
// naming `table`, the file it lives in.
template <typename F>
void probe_table(const std::string& path, const char* table, F&& probe) {
    try {
        probe();
    } catch (const Xapian::Error& e) {
        // A glass database may lack its termlist table, but qadex always writes one.
        if (!is_damage(e) && std::string_view(e.get_type()) != "FeatureUnavailableError") throw;
        throw DatabaseDamagedError(path, std::string(table) + ": " + e.get_msg());
    }
}

}  // namespace

DatabaseDamagedError::DatabaseDamagedError(std::string path, std::string detail, std::string consequence)
    : FatalError("'" + path + "' is damaged (" + detail + ")" + (consequence.empty() ? "" : "; " + consequence)),
      path_(std::move(path)), detail_(std::move(detail)), consequence_(std::move(consequence)) {}

bool is_damage(const Xapian::Error& e) {
    const std::string type = e.get_type();
    if (type == "DatabaseCorruptError") return true;
    // A table file of the database is gone (not unreadable: that is a permission).
    if (type == "DatabaseOpeningError") return error_string_is(e, ENOENT);
    // A table shorter than its blocks ("EOF reading block 43"), or a disk
    // that fails to read one; writing ("Error writing block", a full disk) is
    // not damage. A compressed entry that does not inflate is.
    if (type == "DatabaseError")
        return e.get_msg().find("reading block") != std::string::npos || e.get_msg().starts_with("inflate failed");
    return false;
}

void check_database_readable(const Xapian::Database& db, const std::string& path) {
    Xapian::docid first = 0, last = 0;
    probe_table(path, "postlist.glass", [&] {
        // Metadata and value statistics are the table's first keys, terms follow.
        const bool current_schema = db.get_metadata(schema::metadata::schema_version) == std::to_string(schema::version);
        auto keys = db.metadata_keys_begin();
        if (keys != db.metadata_keys_end()) static_cast<void>(*keys);
        auto terms = db.allterms_begin();
        if (terms != db.allterms_end()) terms.skip_to(past_last_key);
        auto docs = db.postlist_begin("");
        if (docs != db.postlist_end("")) {
            first = last = *docs;
            db.get_doclength(first);
            docs.skip_to(db.get_lastdocid());
            if (docs != db.postlist_end("")) last = *docs;
            db.get_doclength(last);
        }
        // Every qadex answer has its thread id in value 0: the count kept
        // with the value's statistics must be the database's document count.
        const Xapian::doccount answers = db.get_doccount(), with_thread = db.get_value_freq(schema::slot::thread_id);
        if (current_schema && with_thread != answers)
            throw Xapian::DatabaseCorruptError(std::to_string(answers) + " answers counted, " +
                                               std::to_string(with_thread) + " with a thread id");
    });
    for (const Xapian::docid doc : {first, last}) {
        if (doc == 0) continue;
        std::string term;
        probe_table(path, "termlist.glass", [&] {
            auto t = db.termlist_begin(doc);
            if (t != db.termlist_end(doc)) term = *t;
            db.get_document(doc).get_value(schema::slot::thread_id);
        });
        probe_table(path, "position.glass", [&] {
            if (!term.empty()) db.positionlist_begin(doc, term);
        });
        probe_table(path, "docdata.glass", [&] { db.get_document(doc).get_data(); });
    }
    // Exact lookups of keys before the first and after the last: Xapian
    // 1.4's iterators over spelling words and synonym keys leak their cursor
    // when the block they start in is damaged. A suggestion reads the
    // spelling table's word fragments (the words themselves follow them).
    probe_table(path, "spelling.glass", [&] {
        db.get_spelling_suggestion(before_first_key);
        db.get_spelling_suggestion(past_last_key);
    });
    probe_table(path, "synonym.glass", [&] {
        db.synonyms_begin(before_first_key);
        db.synonyms_begin(past_last_key);
    });
}

void check_database_readable(const std::string& path) {
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::Error& e) {
        if (!is_damage(e)) throw;
        throw DatabaseDamagedError(path, e.get_msg());
    }
    check_database_readable(db, path);
}

}  // namespace qadex
