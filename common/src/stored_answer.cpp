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

namespace {

// Reads the stored JSON straight into a StoredAnswer with nlohmann's SAX
// interface: no DOM, no second copy of each string. The searcher decodes
// every answer it shows, and building the DOM was most of that cost.
class StoredAnswerReader : public nlohmann::json_sax<json> {
public:
    explicit StoredAnswerReader(StoredAnswer& out) : out_(out) {}
    bool has_answer_id = false;

    bool key(string_t& k) override {
        key_ = std::move(k);
        return true;
    }
    bool string(string_t& v) override {
        if (depth_ == 2 && key_ == "tags") {
            out_.tags.push_back(std::move(v));
            return true;
        }
        if (depth_ != 1) return true;
        if (std::string* field = text_field()) *field = std::move(v);
        return true;
    }
    bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), v); }
    bool number_unsigned(number_unsigned_t v) override {
        return number(static_cast<double>(v), static_cast<std::int64_t>(v));
    }
    bool number_float(number_float_t v, const string_t&) override {
        return number(v, static_cast<std::int64_t>(v));
    }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return ++depth_ <= 2; }
    bool end_object() override { return --depth_, true; }
    bool start_array(std::size_t) override { return ++depth_ <= 2; }
    bool end_array() override { return --depth_, true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    std::string* text_field() {
        Answer& a = out_.answer;
        if (key_ == "t") return &out_.thread_id;
        if (key_ == "a") return has_answer_id = true, &a.id;
        if (key_ == "body") return &a.body;
        if (key_ == "title") return &out_.title;
        if (key_ == "url") return &out_.url;
        if (key_ == "source") return &out_.source;
        if (key_ == "question") return &out_.question;
        if (key_ == "category") return &out_.category;
        if (key_ == "date") return &out_.date;
        if (key_ == "atitle") return &a.title;
        if (key_ == "author") return &a.author;
        if (key_ == "specialty") return &a.specialty;
        if (key_ == "location") return &a.location;
        if (key_ == "adate") return &a.date;
        return nullptr;
    }
    bool number(double real, std::int64_t integer) {
        if (depth_ != 1) return true;
        if (key_ == "n") out_.thread_answers = integer < 0 ? 0 : static_cast<std::size_t>(integer);
        else if (key_ == "rating") out_.answer.rating = real;
        else if (key_ == "reviews") out_.answer.reviews = integer;
        else if (key_ == "votes") out_.answer.votes = integer;
        return true;
    }

    StoredAnswer& out_;
    std::string key_;
    int depth_ = 0;
};

}  // namespace

StoredAnswer decode_stored_answer(std::string_view data) {
    StoredAnswer s;
    StoredAnswerReader reader(s);
    if (!json::sax_parse(data, &reader) || !reader.has_answer_id)
        throw Error("document data is not a qadex answer");
    return s;
}

}  // namespace qadex
