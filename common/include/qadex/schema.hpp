// The index schema: every term prefix, value slot and metadata key that the
// indexer writes and the searcher reads. Nothing else may spell these.
// README.md ("Schema") has the same table for operators.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace qadex::schema {

// Bumped whenever documents written by an older qadex would be read wrongly.
// 2: each text field indexed once, under its own prefix (1 copied the
// question's fields into the unprefixed text).
inline constexpr int version = 2;

namespace metadata {
inline constexpr const char* schema_version = "qadex.schema_version";  // decimal `version`
inline constexpr const char* shard = "qadex.shard";  // "K/N": shard K of N of a sharded index (docs/SCALING.md)
}

// Probabilistic (free-text) prefixes, Omega style: one capital letter for the
// standard fields, X... for ours. Each field is indexed once; a query word
// without a field is looked up in the title, question, tags and answer text
// (searcher: "default fields"), each with its own statistics and weight.
namespace prefix {
inline constexpr const char* title = "S";       // question title (with positions)
inline constexpr const char* question = "XQ";   // question body (with positions)
inline constexpr const char* body = "";         // answer title and body (with positions):
                                                // unprefixed, as Omega keeps its main text
inline constexpr const char* author = "A";      // answer author
inline constexpr const char* specialty = "XS";  // author's specialty
inline constexpr const char* location = "XL";   // author's city
inline constexpr const char* source = "XO";     // site / collection
inline constexpr const char* tag = "K";         // thread tags (with positions)
inline constexpr const char* category = "XC";   // question type / topic

// Boolean terms: exact, normalised whole values used for filters and ids.
inline constexpr const char* answer_id = "Q";          // unique key, replace-by-term
inline constexpr const char* thread_id = "G";          // every answer of a thread
inline constexpr const char* filter_source = "FO";     // --filter source=...
inline constexpr const char* filter_specialty = "FS";  // --filter specialty=...
inline constexpr const char* filter_category = "FC";   // --filter category=...
inline constexpr const char* filter_author = "FA";     // --filter author=...
inline constexpr const char* filter_location = "FL";   // --filter location=...
inline constexpr const char* filter_tag = "FK";        // --filter tag=...
}  // namespace prefix

// A term without a value on the first answer of every thread. When every
// answer holds it, no question has a second answer, and the searcher need
// not collapse (reading each match's thread value) to show the best answer
// per question. Databases written before it lack it, and are collapsed.
inline constexpr const char* first_answer_term = "XFIRST";

// Value slots.
namespace slot {
inline constexpr Xapian::valueno thread_id = 0;  // raw thread id: collapse key
inline constexpr Xapian::valueno rating = 1;     // sortable_serialise(stars 0..5)
inline constexpr Xapian::valueno reviews = 2;    // sortable_serialise(count)
inline constexpr Xapian::valueno votes = 3;      // sortable_serialise(count)
inline constexpr Xapian::valueno date = 4;       // "YYYYMMDD" (sorts as a string)
inline constexpr Xapian::valueno specialty = 5;  // display value, for facets
inline constexpr Xapian::valueno source = 6;     // display value, for facets
inline constexpr Xapian::valueno category = 7;   // display value, for facets
inline constexpr Xapian::valueno content_hash = 8;  // the thread's content hash, 8 bytes: a re-run
                                                    // skips threads whose hash is unchanged
inline constexpr Xapian::valueno source_file = 9;   // a page file's signature, 8 bytes (path, size,
                                                    // mtime): a re-run does not read it again
// The document data keeps a long text's first 64 KiB (stored_answer.hpp); the
// rest is stored once, here, zlib-compressed (encode_text_rest), and never
// read by the searcher.
inline constexpr Xapian::valueno body_rest = 10;      // the answer text after its window
inline constexpr Xapian::valueno question_rest = 11;  // the question after its window (first answer only)
}  // namespace slot

// Xapian refuses terms over 245 bytes; ids and filter values are cut (on a
// character boundary) to stay below it.
inline constexpr std::size_t max_term_bytes = 240;

// Builds a boolean term from a prefix and a raw value: the value is
// normalised the way filters are (case-folded, spaces collapsed) and cut to
// max_term_bytes. Ids are not normalised (they are case-sensitive keys).
std::string filter_term(std::string_view prefix, std::string_view raw_value);
std::string id_term(std::string_view prefix, std::string_view id);

}  // namespace qadex::schema
