// Document data encoding (see stored_answer.hpp). JSON keeps the index
// readable with xapian-delve and lets new fields appear without a new schema.
#include <qadex/stored_answer.hpp>

#include <charconv>

#include <nlohmann/json.hpp>
#include <xapian.h>

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

// Where a top-level key of the stored object goes (both readers below).
std::string* text_field(StoredAnswer& s, std::string_view key) {
    Answer& a = s.answer;
    if (key == "t") return &s.thread_id;
    if (key == "a") return &a.id;
    if (key == "body") return &a.body;
    if (key == "title") return &s.title;
    if (key == "url") return &s.url;
    if (key == "source") return &s.source;
    if (key == "question") return &s.question;
    if (key == "category") return &s.category;
    if (key == "date") return &s.date;
    if (key == "atitle") return &a.title;
    if (key == "author") return &a.author;
    if (key == "specialty") return &a.specialty;
    if (key == "location") return &a.location;
    if (key == "adate") return &a.date;
    return nullptr;
}

void set_number(StoredAnswer& s, std::string_view key, double real, std::int64_t integer) {
    if (key == "n") s.thread_answers = integer < 0 ? 0 : static_cast<std::size_t>(integer);
    else if (key == "rating") s.answer.rating = real;
    else if (key == "reviews") s.answer.reviews = integer;
    else if (key == "votes") s.answer.votes = integer;
}

// The fast path: the compact JSON that encode_stored_answer writes (one flat
// object of strings, numbers and the tags array, escapes only where JSON
// requires them). The searcher decodes every answer it shows, and a general
// JSON lexer spent ~40 instructions a byte on the body. Anything else
// (surrogate escapes, nesting, other types) returns false and the general
// reader below decides.
class CompactReader {
public:
    explicit CompactReader(std::string_view in) : in_(in) {}

    bool read(StoredAnswer& s) {
        if (!expect('{')) return false;
        std::string key;
        if (peek() == '}') return ++i_, at_end();
        for (;;) {
            if (!string(key) || !expect(':')) return false;
            const char c = peek();
            if (c == '"') {
                std::string* field = text_field(s, key);
                std::string ignored;
                if (!string(field ? *field : ignored)) return false;
            } else if (c == '[') {
                if (key != "tags" || !tags(s.tags)) return false;
            } else if (!number(s, key)) {
                return false;
            }
            if (peek() == ',') {
                ++i_;
                continue;
            }
            return expect('}') && at_end();
        }
    }

private:
    char peek() {
        while (i_ < in_.size() && (in_[i_] == ' ' || in_[i_] == '\n' || in_[i_] == '\t' || in_[i_] == '\r')) ++i_;
        return i_ < in_.size() ? in_[i_] : '\0';
    }
    bool expect(char c) { return peek() == c ? (++i_, true) : false; }
    bool at_end() { return peek() == '\0' && i_ == in_.size(); }

    bool string(std::string& out) {
        if (!expect('"')) return false;
        out.clear();
        for (;;) {
            const std::size_t run = i_;
            while (i_ < in_.size() && in_[i_] != '"' && in_[i_] != '\\' && static_cast<unsigned char>(in_[i_]) >= 0x20)
                ++i_;
            out.append(in_.data() + run, i_ - run);
            if (i_ >= in_.size()) return false;
            const char c = in_[i_++];
            if (c == '"') return true;
            if (c != '\\' || i_ >= in_.size()) return false;  // a raw control character
            switch (in_[i_++]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = 0;
                    if (i_ + 4 > in_.size()) return false;
                    auto [end, ec] = std::from_chars(in_.data() + i_, in_.data() + i_ + 4, cp, 16);
                    if (ec != std::errc() || end != in_.data() + i_ + 4) return false;
                    if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates: the general reader
                    i_ += 4;
                    Xapian::Unicode::append_utf8(out, cp);
                    break;
                }
                default: return false;
            }
        }
    }

    bool tags(std::vector<std::string>& out) {
        if (!expect('[')) return false;
        if (peek() == ']') return ++i_, true;
        for (;;) {
            if (!string(out.emplace_back())) return false;
            if (peek() == ',') {
                ++i_;
                continue;
            }
            return expect(']');
        }
    }

    bool number(StoredAnswer& s, std::string_view key) {
        peek();
        const char* begin = in_.data() + i_;
        const char* end = in_.data() + in_.size();
        double real = 0;
        auto [after, ec] = std::from_chars(begin, end, real);
        if (ec != std::errc() || after == begin) return false;
        i_ += static_cast<std::size_t>(after - begin);
        set_number(s, key, real, static_cast<std::int64_t>(real));
        return true;
    }

    std::string_view in_;
    std::size_t i_ = 0;
};

// The general reader: any valid JSON, through nlohmann's SAX interface.
class StoredAnswerReader : public nlohmann::json_sax<json> {
public:
    explicit StoredAnswerReader(StoredAnswer& out) : out_(out) {}

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
        if (std::string* field = text_field(out_, key_)) *field = std::move(v);
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
    bool start_object(std::size_t) override { return ++depth_, true; }
    bool end_object() override { return --depth_, true; }
    bool start_array(std::size_t) override { return ++depth_, true; }
    bool end_array() override { return --depth_, true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    bool number(double real, std::int64_t integer) {
        if (depth_ == 1) set_number(out_, key_, real, integer);
        return true;
    }

    StoredAnswer& out_;
    std::string key_;
    int depth_ = 0;
};

}  // namespace

StoredAnswer decode_stored_answer(std::string_view data) {
    StoredAnswer s;
    if (!CompactReader(data).read(s)) {
        s = StoredAnswer{};
        StoredAnswerReader reader(s);
        if (!json::sax_parse(data, &reader)) throw Error("document data is not a qadex answer");
    }
    if (s.answer.id.empty()) throw Error("document data is not a qadex answer");
    return s;
}

}  // namespace qadex
