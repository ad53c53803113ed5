// Document data encoding (see stored_answer.hpp). JSON keeps the index
// readable with xapian-delve and lets new fields appear without a new schema.
#include <qadex/stored_answer.hpp>

#include <nlohmann/json.hpp>

#include <qadex/error.hpp>

namespace qadex {

using json = nlohmann::json;

StoredAnswer make_stored_answer(const Thread& t, const Answer& a) {
    return StoredAnswer{t.id, t.url, t.source, t.title, t.question, t.category, t.date, t.tags, a, t.answers.size()};
}

std::string encode_stored_answer(const StoredAnswer& s) {
    const Answer& a = s.answer;
    json j = {{"t", s.thread_id}, {"a", a.id}, {"title", s.title}, {"body", a.body}, {"n", s.thread_answers}};
    auto put = [&j](const char* key, const std::string& v) {
        if (!v.empty()) j[key] = v;
    };
    put("url", s.url);
    put("source", s.source);
    put("question", s.question);
    put("category", s.category);
    put("date", s.date);
    if (!s.tags.empty()) j["tags"] = s.tags;
    put("atitle", a.title);
    put("author", a.author);
    put("specialty", a.specialty);
    put("location", a.location);
    put("adate", a.date);
    if (a.rating) j["rating"] = *a.rating;
    if (a.reviews) j["reviews"] = *a.reviews;
    if (a.votes) j["votes"] = *a.votes;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

StoredAnswer decode_stored_answer(std::string_view data) {
    json j = json::parse(data, nullptr, false);
    if (!j.is_object() || !j.contains("a")) throw Error("document data is not a qadex answer");
    auto str = [&j](const char* key) { return j.contains(key) ? j[key].get<std::string>() : std::string(); };
    StoredAnswer s;
    s.thread_id = str("t");
    s.url = str("url");
    s.source = str("source");
    s.title = str("title");
    s.question = str("question");
    s.category = str("category");
    s.date = str("date");
    if (j.contains("tags")) s.tags = j["tags"].get<std::vector<std::string>>();
    s.thread_answers = j.value("n", std::size_t{0});
    Answer& a = s.answer;
    a.id = str("a");
    a.body = str("body");
    a.title = str("atitle");
    a.author = str("author");
    a.specialty = str("specialty");
    a.location = str("location");
    a.date = str("adate");
    if (j.contains("rating")) a.rating = j["rating"].get<double>();
    if (j.contains("reviews")) a.reviews = j["reviews"].get<std::int64_t>();
    if (j.contains("votes")) a.votes = j["votes"].get<std::int64_t>();
    return s;
}

}  // namespace qadex
