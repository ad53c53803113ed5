// A thread as JSON or text (see thread_output.hpp).
#include "output/thread_output.hpp"

#include <qadex/utf8.hpp>

#include "output/json_writer.hpp"
#include "output/result_output.hpp"

namespace qadex {

void write_thread_json(std::ostream& out, const std::vector<StoredAnswer>& answers, const SearchResult& related) {
    const StoredAnswer& first = answers.front();
    std::string text;
    JsonWriter w(text);
    w.begin_object()
        .field("thread_id", utf8::repair(first.thread_id))
        .field("title", utf8::repair(first.title))
        .field("question", utf8::repair(first.question))
        .field("url", utf8::repair(first.url))
        .field("source", utf8::repair(first.source))
        .field("category", utf8::repair(first.category))
        .field("date", utf8::repair(first.date));
    w.key("tags").begin_array();
    for (const auto& tag : first.tags) w.value(utf8::repair(tag));
    w.end_array();
    w.key("answers").begin_array();
    for (const StoredAnswer& stored : answers) {
        const Answer& a = stored.answer;
        w.begin_object().field("answer_id", utf8::repair(a.id));
        write_answer_title_and_attribution(w, a);
        w.field("date", utf8::repair(a.date)).field("body", utf8::repair(a.body)).end_object();
    }
    w.end_array();
    w.key("related").begin_array();
    for (const auto& hit : related.hits) {
        w.begin_object();
        write_result_fields(w, hit, false);
        w.end_object();
    }
    w.end_array().end_object();
    out << text << '\n';
}

void write_thread_text(std::ostream& out, const std::vector<StoredAnswer>& answers, const SearchResult& related) {
    const StoredAnswer& first = answers.front();
    out << utf8::repair(first.title) << '\n';
    if (!first.url.empty()) out << utf8::repair(first.url) << '\n';
    if (!first.question.empty()) out << '\n' << utf8::repair(first.question) << '\n';
    out << '\n' << answers.size() << (answers.size() == 1 ? " answer" : " answers") << "\n\n";
    for (std::size_t i = 0; i < answers.size(); ++i) {
        out << i + 1 << ". " << utf8::repair(answer_byline(answers[i])) << '\n';
        if (!answers[i].answer.title.empty()) out << "   " << utf8::repair(answers[i].answer.title) << '\n';
        out << "   " << utf8::repair(answers[i].answer.body) << "\n\n";
    }
    if (related.hits.empty()) return;
    out << "Related questions:\n";
    for (const auto& hit : related.hits)
        out << "  " << hit.rank << ". " << utf8::repair(hit.stored.title) << " (" << utf8::repair(hit.stored.thread_id)
            << ")\n";
}

}  // namespace qadex
