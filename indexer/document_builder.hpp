// Turns a Thread into one Xapian document per answer, following the field
// table (fields.hpp) and schema.hpp: terms (with positions) for the text
// fields, boolean filter terms, value slots and the stored display data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include <qadex/document.hpp>
#include <qadex/fields.hpp>
#include <qadex/text_normalizer.hpp>

namespace qadex {

struct AnswerDocument {
    std::string answer_id;
    Xapian::Document document;
    std::vector<std::string> spelling_words;  // words to add to the spelling dictionary
};

// Not thread-safe; use one per worker thread. Building needs no database,
// so it can run on any thread while a single writer stores the results.
class DocumentBuilder {
public:
    DocumentBuilder();
    // The documents of answers [begin, end) of the thread (all by default):
    // a large thread is built a part at a time (thread_part.hpp).
    std::vector<AnswerDocument> build(const Thread& thread, std::size_t begin = 0, std::size_t end = SIZE_MAX);

private:
    void index_field(const std::string& text, const Field& field);
    TextNormalizer normalizer_;
    Xapian::TermGenerator termgen_;
};

}  // namespace qadex
