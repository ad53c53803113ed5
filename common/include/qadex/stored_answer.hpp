// What the index stores with each answer document (Xapian document data):
// everything the searcher displays, so it never re-reads source files.
//
// The two texts that can be long, the answer's body and the thread's
// question, are kept in the data only up to a display window (the first
// stored_text_window bytes): every search decodes the data of every answer
// it shows, and one 8.4 MB answer made each query showing it use 89 MB.
// Snippets and pages are made from the window. The rest of a longer text is
// stored once, beside it (schema::slot::body_rest on the answer's document,
// schema::slot::question_rest on the thread's first answer only; compressed),
// so the index still holds every byte; the searcher never reads it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <qadex/document.hpp>

namespace qadex {

// Larger than any answer of MedQuAD (27 kB) or of a Stack Exchange site
// (30,000 characters): normal answers are stored and shown whole.
inline constexpr std::size_t stored_text_window = 64 * 1024;

// Where `text`'s window ends: text.size() when it fits; else a character
// boundary at most stored_text_window bytes in, just after the window's last
// space or newline when its last KiB has one (a page shows whole words).
std::size_t text_window_end(std::string_view text);

struct StoredAnswer {
    std::string thread_id, url, source, title, question, category, date;  // question: at most its window
    std::vector<std::string> tags;
    Answer answer;  // the answer itself; answer.body at most its window (body_bytes: the whole size)
    std::size_t thread_answers = 0;  // how many answers the thread had when indexed
    std::size_t question_bytes = 0;  // the whole question's size in bytes
    std::size_t body_bytes = 0;      // the whole body's size in bytes

    // Only the window of the text is here: the page says so.
    bool question_cut() const { return question_bytes > question.size(); }
    bool body_cut() const { return body_bytes > answer.body.size(); }
};

// The rest of a long text (past its window) as its value slot stores it:
// zlib-compressed, as Xapian compresses document data (values are not).
// decode throws Error for a value that is not one.
std::string encode_text_rest(std::string_view rest);
std::string decode_text_rest(std::string_view stored);

// The answer as stored: its body and the question cut to their windows.
StoredAnswer make_stored_answer(const Thread& thread, const Answer& answer);

// Compact JSON. encode cuts a body or question longer than its window (and
// records the whole size); decode throws Error for data that is not a stored
// answer, and keeps at most the window of each, whatever the data holds
// (databases written before the window stored whole texts).
std::string encode_stored_answer(const StoredAnswer& stored);
StoredAnswer decode_stored_answer(std::string_view data);

}  // namespace qadex
