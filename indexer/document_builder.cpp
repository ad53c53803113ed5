// Document building (see document_builder.hpp).
#include "document_builder.hpp"

#include <algorithm>

#include <qadex/fields.hpp>
#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>
#include <qadex/text_analysis.hpp>

namespace qadex {

namespace {

// A gap in term positions between fields, so a phrase never matches across them.
constexpr Xapian::termpos field_gap = 100;

// An answer's exact values of a filter or facet field (qadex/fields.hpp).
std::vector<std::string_view> exact_values(std::string_view field, const Thread& thread, const Answer& answer) {
    if (field == "author") return {answer.author};
    if (field == "specialty") return {answer.specialty};
    if (field == "location") return {answer.location};
    if (field == "source") return {thread.source};
    if (field == "category") return {thread.category};
    if (field == "tag") return std::vector<std::string_view>(thread.tags.begin(), thread.tags.end());
    return {};
}

// An answer's value of a number range field.
std::optional<double> number_value(std::string_view field, const Answer& answer) {
    if (field == "rating") return answer.rating;
    if (field == "reviews" && answer.reviews) return static_cast<double>(*answer.reviews);
    if (field == "votes" && answer.votes) return static_cast<double>(*answer.votes);
    return std::nullopt;
}

// An answer's value of a date range field: "2025-03-14" -> "20250314",
// which sorts as a string; the thread's date when the answer has none.
std::string date_value(std::string_view field, const Thread& thread, const Answer& answer) {
    if (field != "date") return {};
    std::string key;
    for (char c : answer.date.empty() ? thread.date : answer.date)
        if (c != '-') key.push_back(c);
    return key;
}

// Filter terms, facet values and range values, as the field table says.
void add_field_values(Xapian::Document& doc, const Thread& thread, const Answer& answer) {
    for (const Field& f : all_fields) {
        for (std::string_view value : exact_values(f.name, thread, answer)) {
            if (value.empty()) continue;
            if (f.is_filter()) doc.add_boolean_term(schema::filter_term(f.filter_prefix, value));
            if (f.is_facet()) doc.add_value(f.facet_slot, std::string(value));
        }
        if (f.range == FieldRange::number) {
            if (auto number = number_value(f.name, answer))
                doc.add_value(f.range_slot, Xapian::sortable_serialise(*number));
        } else if (f.range == FieldRange::date) {
            if (std::string date = date_value(f.name, thread, answer); !date.empty())
                doc.add_value(f.range_slot, date);
        }
    }
}

}  // namespace

DocumentBuilder::DocumentBuilder() { configure_analysis(termgen_); }

void DocumentBuilder::index_field(const std::string& text, const Field& field) {
    if (text.empty()) return;
    termgen_.index_text(normalizer_.normalize(text), 1, field.text_prefix);
    termgen_.increase_termpos(field_gap);
}

std::vector<AnswerDocument> DocumentBuilder::build(const Thread& thread, std::size_t begin, std::size_t end) {
    end = std::min(end, thread.answers.size());
    begin = std::min(begin, end);
    std::vector<AnswerDocument> docs;
    docs.reserve(end - begin);
    // The question's analysed text is the same for every answer: analyse once.
    std::string title = normalizer_.normalize(thread.title);
    std::string question = normalizer_.normalize(thread.question);
    std::string tags;
    for (const auto& tag : thread.tags) tags += normalizer_.normalize(tag) + "\n";

    for (std::size_t i = begin; i < end; ++i) {
        const Answer& answer = thread.answers[i];
        const bool first_answer = i == 0;
        AnswerDocument out;
        out.answer_id = answer.id;
        Xapian::Document& doc = out.document;
        termgen_.set_document(doc);

        // Free text: every field once, under its own prefix, in this order
        // (term positions follow it); the question's fields are already normalised.
        termgen_.index_text(title, 1, field("title").text_prefix);
        termgen_.increase_termpos(field_gap);
        termgen_.index_text(question, 1, field("question").text_prefix);
        termgen_.increase_termpos(field_gap);
        termgen_.index_text(tags, 1, field("tag").text_prefix);
        termgen_.increase_termpos(field_gap);
        index_field(answer.title, field("body"));
        index_field(answer.body, field("body"));
        index_field(answer.author, field("author"));
        index_field(answer.specialty, field("specialty"));
        index_field(answer.location, field("location"));
        index_field(thread.source, field("source"));
        index_field(thread.category, field("category"));

        doc.add_boolean_term(schema::id_term(schema::prefix::answer_id, answer.id));
        doc.add_boolean_term(schema::id_term(schema::prefix::thread_id, thread.id));
        doc.add_value(schema::slot::thread_id, thread.id);
        if (first_answer) doc.add_boolean_term(schema::first_answer_term);
        add_field_values(doc, thread, answer);

        // The data holds the display windows of the long texts; the rest of
        // each is stored once (qadex/stored_answer.hpp), so nothing is lost.
        if (const std::size_t end = text_window_end(answer.body); end < answer.body.size())
            doc.add_value(schema::slot::body_rest, encode_text_rest(std::string_view(answer.body).substr(end)));
        if (const std::size_t end = text_window_end(thread.question); first_answer && end < thread.question.size())
            doc.add_value(schema::slot::question_rest, encode_text_rest(std::string_view(thread.question).substr(end)));
        doc.set_data(encode_stored_answer(make_stored_answer(thread, answer)));
        docs.push_back(std::move(out));
    }
    return docs;
}

}  // namespace qadex
