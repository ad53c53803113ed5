// What the document builder stores of long texts (issue 21): the data holds
// a 64 KiB window of an answer's body and of its question, every byte of the
// rest is stored once beside it (value slots, compressed), and a thread of
// ordinary answers is stored exactly as before the window.
#include <catch2/catch.hpp>
#include <xapian.h>

#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>

#include "document_builder.hpp"

using namespace qadex;

namespace {

Answer answer(const std::string& id, const std::string& body) {
    Answer a;
    a.id = id;
    a.author = "Dr. A";
    a.body = body;
    return a;
}

std::string words(std::size_t bytes, const std::string& word = "atrophy") {
    std::string out;
    for (std::size_t i = 0; out.size() < bytes; ++i) out += word + std::to_string(i % 97) + " ";
    out.resize(bytes);
    return out;
}

Thread long_thread() {
    Thread t;
    t.id = "long";
    t.title = "Does Botox cause atrophy?";
    t.question = words(150'000, "question");
    t.answers = {answer("long-a1", words(2'000'000)), answer("long-a2", "A short answer about atrophy."),
                 answer("long-a3", words(70'000))};
    return t;
}

}  // namespace

TEST_CASE("A long answer's data holds its window, the rest is stored once beside it, a short one as before",
          "[indexer][stored_text]") {
    const Thread t = long_thread();
    DocumentBuilder builder;
    const std::vector<AnswerDocument> docs = builder.build(t);
    REQUIRE(docs.size() == 3);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        INFO("answer " << i + 1);
        const Xapian::Document& doc = docs[i].document;
        const std::string& body = t.answers[i].body;
        CHECK(doc.get_data().size() < 2 * stored_text_window + 500);
        const StoredAnswer stored = decode_stored_answer(doc.get_data());
        CHECK(stored.body_bytes == body.size());
        CHECK(stored.question_bytes == t.question.size());
        CHECK(stored.question == t.question.substr(0, text_window_end(t.question)));
        // Window and rest are the whole text, each byte once.
        const std::string rest = doc.get_value(schema::slot::body_rest);
        if (body.size() <= stored_text_window) {
            CHECK(stored.answer.body == body);
            CHECK(rest.empty());
        } else {
            CHECK(stored.answer.body + decode_text_rest(rest) == body);
        }
        // The question's rest only with the thread's first answer.
        const std::string question_rest = doc.get_value(schema::slot::question_rest);
        if (i == 0) CHECK(stored.question + decode_text_rest(question_rest) == t.question);
        else CHECK(question_rest.empty());
    }
    // Every word is still indexed, those past the window included.
    const Xapian::Document& first = docs[0].document;
    auto term = first.termlist_begin();
    term.skip_to("atrophy96");
    CHECK((term != first.termlist_end() && *term == "atrophy96"));

    // An ordinary thread is stored exactly as before the window.
    Thread plain;
    plain.id = "short";
    plain.title = "Short";
    plain.question = "A question?";
    plain.answers = {answer("short-a1", "An answer.")};
    const auto plain_docs = builder.build(plain);
    REQUIRE(plain_docs.size() == 1);
    const std::string data = plain_docs[0].document.get_data();
    CHECK(data == "{\"a\":\"short-a1\",\"author\":\"Dr. A\",\"body\":\"An answer.\",\"n\":1,"
                  "\"question\":\"A question?\",\"t\":\"short\",\"title\":\"Short\"}");
    CHECK(plain_docs[0].document.get_value(schema::slot::body_rest).empty());
    CHECK(plain_docs[0].document.get_value(schema::slot::question_rest).empty());
}
