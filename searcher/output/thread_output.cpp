// A thread as JSON or text (see thread_output.hpp).
#include "output/thread_output.hpp"

#include <qadex/utf8.hpp>

#include "output/display_text.hpp"
#include "output/json_writer.hpp"
#include "output/result_output.hpp"

namespace qadex {

namespace {

// 8400000 -> "8,400,000"
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

std::string thread_page_summary(const ThreadPage& thread, std::string_view dash) {
    if (thread.pages() <= 1 && thread.page == 1)
        return std::to_string(thread.total) + (thread.total == 1 ? " answer" : " answers");
    if (thread.answers.empty())
        return "No answers on page " + std::to_string(thread.page) + ": the question has " +
               std::to_string(thread.total) + " answers, " + std::to_string(thread.pages()) + " pages of " +
               std::to_string(thread.per_page);
    return "Answers " + std::to_string(thread.first_number()) + std::string(dash) +
           std::to_string(thread.first_number() + thread.answers.size() - 1) + " of " + std::to_string(thread.total) +
           " (page " + std::to_string(thread.page) + " of " + std::to_string(thread.pages()) + ")";
}

std::string shown_part(std::size_t shown_bytes, std::size_t whole_bytes) {
    return "(the first " + grouped(shown_bytes) + " bytes of " + grouped(whole_bytes) + ")";
}

void write_thread_json(std::ostream& out, const ThreadPage& thread, const SearchResult& related) {
    const StoredAnswer& first = thread.question;
    std::string text;
    JsonWriter w(text);
    w.begin_object()
        .field("thread_id", utf8::repair(first.thread_id))
        .field("title", utf8::repair(first.title))
        .field("question", utf8::repair(first.question))
        .field("question_cut", first.question_cut())
        .field("url", utf8::repair(first.url))
        .field("source", utf8::repair(first.source))
        .field("category", utf8::repair(first.category))
        .field("date", utf8::repair(first.date));
    w.key("tags").begin_array();
    for (const auto& tag : first.tags) w.value(utf8::repair(tag));
    w.end_array();
    w.field("answer_count", thread.total).field("page", thread.page).field("per_page", thread.per_page);
    w.key("answers").begin_array();
    for (const StoredAnswer& stored : thread.answers) {
        const Answer& a = stored.answer;
        w.begin_object().field("answer_id", utf8::repair(a.id));
        write_answer_title_and_attribution(w, a);
        w.field("date", utf8::repair(a.date))
            .field("body", utf8::repair(a.body))
            .field("body_cut", stored.body_cut())
            .field("body_bytes", stored.body_bytes)
            .end_object();
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

void write_thread_text(std::ostream& out, const ThreadPage& thread, const SearchResult& related) {
    const StoredAnswer& first = thread.question;
    out << terminal_text(first.title) << '\n';
    if (!first.url.empty()) out << terminal_text(first.url) << '\n';
    if (!first.question.empty()) {
        out << '\n' << terminal_text(first.question) << '\n';
        if (first.question_cut()) out << "[question cut here " << shown_part(first.question.size(), first.question_bytes) << "]\n";
    }
    out << '\n' << thread_page_summary(thread, "-") << "\n\n";
    for (std::size_t i = 0; i < thread.answers.size(); ++i) {
        const StoredAnswer& stored = thread.answers[i];
        out << thread.first_number() + i << ". " << terminal_text(answer_byline(stored)) << '\n';
        if (!stored.answer.title.empty()) out << "   " << terminal_text(stored.answer.title) << '\n';
        out << "   " << terminal_text(stored.answer.body) << '\n';
        if (stored.body_cut()) out << "   [answer cut here " << shown_part(stored.answer.body.size(), stored.body_bytes) << "]\n";
        out << '\n';
    }
    if (thread.pages() > 1)
        out << "Other pages: --page N, N from 1 to " << thread.pages() << " (" << thread.per_page << " answers a page)\n\n";
    if (related.hits.empty()) return;
    out << "Related questions:\n";
    for (const auto& hit : related.hits)
        out << "  " << hit.rank << ". " << terminal_text(hit.stored.title) << " (" << terminal_text(hit.stored.thread_id)
            << ")\n";
}

}  // namespace qadex
