// Document building (see document_builder.hpp).
#include "document_builder.hpp"

#include <qadex/schema.hpp>
#include <qadex/stored_answer.hpp>

namespace qadex {

namespace {

// A gap in term positions between fields, so a phrase never matches across them.
constexpr Xapian::termpos field_gap = 100;

void add_filter(Xapian::Document& doc, const char* prefix, const std::string& value) {
    if (!value.empty()) doc.add_boolean_term(schema::filter_term(prefix, value));
}

void add_number(Xapian::Document& doc, Xapian::valueno slot, std::optional<double> value) {
    if (value) doc.add_value(slot, Xapian::sortable_serialise(*value));
}

// "2025-03-14" -> "20250314", which sorts as a string.
std::string date_key(const std::string& date) {
    std::string key;
    for (char c : date)
        if (c != '-') key.push_back(c);
    return key;
}

}  // namespace

DocumentBuilder::DocumentBuilder() {
    termgen_.set_stemmer(Xapian::Stem("english"));
    termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void DocumentBuilder::index_field(const std::string& text, const char* prefix, Xapian::termcount wdf_inc) {
    if (text.empty()) return;
    termgen_.index_text(normalizer_.normalize(text), wdf_inc, prefix);
    termgen_.increase_termpos(field_gap);
}

std::vector<AnswerDocument> DocumentBuilder::build(const Thread& thread) {
    std::vector<AnswerDocument> docs;
    docs.reserve(thread.answers.size());
    // The question's analysed text is the same for every answer: analyse once.
    std::string title = normalizer_.normalize(thread.title);
    std::string question = normalizer_.normalize(thread.question);
    std::string tags;
    for (const auto& tag : thread.tags) tags += normalizer_.normalize(tag) + "\n";

    for (const Answer& answer : thread.answers) {
        AnswerDocument out;
        out.answer_id = answer.id;
        Xapian::Document& doc = out.document;
        termgen_.set_document(doc);

        // Free text: every field once, under its own prefix (schema.hpp); the
        // question's fields are already normalised.
        termgen_.index_text(title, 1, schema::prefix::title);
        termgen_.increase_termpos(field_gap);
        termgen_.index_text(question, 1, schema::prefix::question);
        termgen_.increase_termpos(field_gap);
        termgen_.index_text(tags, 1, schema::prefix::tag);
        termgen_.increase_termpos(field_gap);
        index_field(answer.title, schema::prefix::body, 1);
        index_field(answer.body, schema::prefix::body, 1);
        index_field(answer.author, schema::prefix::author, 1);
        index_field(answer.specialty, schema::prefix::specialty, 1);
        index_field(answer.location, schema::prefix::location, 1);
        index_field(thread.source, schema::prefix::source, 1);
        index_field(thread.category, schema::prefix::category, 1);

        doc.add_boolean_term(schema::id_term(schema::prefix::answer_id, answer.id));
        doc.add_boolean_term(schema::id_term(schema::prefix::thread_id, thread.id));
        add_filter(doc, schema::prefix::filter_source, thread.source);
        add_filter(doc, schema::prefix::filter_category, thread.category);
        add_filter(doc, schema::prefix::filter_specialty, answer.specialty);
        add_filter(doc, schema::prefix::filter_author, answer.author);
        add_filter(doc, schema::prefix::filter_location, answer.location);
        for (const auto& tag : thread.tags) add_filter(doc, schema::prefix::filter_tag, tag);

        doc.add_value(schema::slot::thread_id, thread.id);
        add_number(doc, schema::slot::rating, answer.rating);
        if (answer.reviews) add_number(doc, schema::slot::reviews, static_cast<double>(*answer.reviews));
        if (answer.votes) add_number(doc, schema::slot::votes, static_cast<double>(*answer.votes));
        const std::string& date = answer.date.empty() ? thread.date : answer.date;
        if (!date.empty()) doc.add_value(schema::slot::date, date_key(date));
        if (!answer.specialty.empty()) doc.add_value(schema::slot::specialty, answer.specialty);
        if (!thread.source.empty()) doc.add_value(schema::slot::source, thread.source);
        if (!thread.category.empty()) doc.add_value(schema::slot::category, thread.category);

        doc.set_data(encode_stored_answer(make_stored_answer(thread, answer)));
        docs.push_back(std::move(out));
    }
    return docs;
}

}  // namespace qadex
