// Document data encoding (see stored_answer.hpp). JSON keeps the index
// readable with xapian-delve and lets new fields appear without a new schema.
#include <qadex/stored_answer.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>

#include <nlohmann/json.hpp>
#include <xapian.h>
#include <zlib.h>

#include <qadex/error.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

using json = nlohmann::json;

std::size_t text_window_end(std::string_view text) {
    if (text.size() <= stored_text_window) return text.size();
    constexpr std::size_t word_search = 1024;
    for (std::size_t end = stored_text_window; end > stored_text_window - word_search; --end) {
        const char c = text[end - 1];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return end;
    }
    // No space: a character boundary (a UTF-8 continuation byte is 10xxxxxx).
    std::size_t end = stored_text_window;
    for (int back = 0; back < 3 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80; ++back) --end;
    return end;
}

namespace {

std::string window_of(std::string_view text) { return std::string(text.substr(0, text_window_end(text))); }

}  // namespace

std::string encode_text_rest(std::string_view rest) {
    uLongf size = compressBound(static_cast<uLong>(rest.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(rest.data()),
                  static_cast<uLong>(rest.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        throw Error("cannot compress a long text");  // only out of memory
    out.resize(size);
    return out;
}

std::string decode_text_rest(std::string_view stored) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) throw Error("cannot decompress a stored text");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(stored.data()));
    z.avail_in = static_cast<uInt>(stored.size());
    std::string out;
    int status = Z_OK;
    char buffer[16384];
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END) throw Error("a stored text is damaged");
    return out;
}

StoredAnswer make_stored_answer(const Thread& t, const Answer& a) {
    StoredAnswer s;
    s.thread_id = t.id;
    s.url = t.url;
    s.source = t.source;
    s.title = t.title;
    s.question = window_of(t.question);
    s.category = t.category;
    s.date = t.date;
    s.tags = t.tags;
    s.answer.id = a.id;
    s.answer.title = a.title;
    s.answer.body = window_of(a.body);  // not a copy of a long body first
    s.answer.author = a.author;
    s.answer.specialty = a.specialty;
    s.answer.location = a.location;
    s.answer.rating = a.rating;
    s.answer.reviews = a.reviews;
    s.answer.votes = a.votes;
    s.answer.date = a.date;
    s.thread_answers = t.answers.size();
    s.question_bytes = t.question.size();
    s.body_bytes = a.body.size();
    return s;
}

std::string encode_stored_answer(const StoredAnswer& s) {
    const Answer& a = s.answer;
    json j = {{"t", s.thread_id}, {"a", a.id}, {"title", s.title}, {"body", window_of(a.body)}, {"n", s.thread_answers}};
    auto put = [&j](const char* key, const std::string& v) {
        if (!v.empty()) j[key] = v;
    };
    put("url", s.url);
    put("source", s.source);
    if (!s.question.empty()) j["question"] = window_of(s.question);
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
    // The whole sizes, only for texts longer than their window: the data of
    // every normal answer stays what it was before the window.
    if (const std::size_t whole = std::max(s.body_bytes, a.body.size()); whole > text_window_end(a.body))
        j["blen"] = whole;
    if (const std::size_t whole = std::max(s.question_bytes, s.question.size()); whole > text_window_end(s.question))
        j["qlen"] = whole;
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

// Where the whole size of a long text goes ("body", "question"), else null.
std::size_t* whole_size(StoredAnswer& s, std::string_view key) {
    if (key == "body") return &s.body_bytes;
    if (key == "question") return &s.question_bytes;
    return nullptr;
}

// A stored number as an integer; out of range (hostile data) is clamped,
// never undefined.
std::int64_t to_integer(double real) {
    if (!(real > -9.2e18)) return real < 0 ? INT64_MIN : 0;  // NaN: 0
    if (real > 9.2e18) return INT64_MAX;
    return static_cast<std::int64_t>(real);
}

std::size_t to_size(std::int64_t integer) { return integer < 0 ? 0 : static_cast<std::size_t>(integer); }

void set_number(StoredAnswer& s, std::string_view key, double real, std::int64_t integer) {
    if (key == "n") s.thread_answers = to_size(integer);
    else if (key == "blen") s.body_bytes = std::max(s.body_bytes, to_size(integer));
    else if (key == "qlen") s.question_bytes = std::max(s.question_bytes, to_size(integer));
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
                std::size_t* whole = whole_size(s, key);
                // A long text (older databases stored it whole) is kept up to
                // just past its window, where decode_stored_answer cuts it.
                std::size_t length = 0;
                if (!string(field ? *field : ignored, whole ? stored_text_window + 4 : npos, length)) return false;
                if (whole) *whole = std::max(*whole, length);
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

    static constexpr std::size_t npos = std::string::npos;

    bool string(std::string& out) {
        std::size_t length = 0;
        return string(out, npos, length);
    }

    // The string's first `keep` bytes (or a little more) in `out`, its whole
    // decoded length in `length`.
    bool string(std::string& out, std::size_t keep, std::size_t& length) {
        if (!expect('"')) return false;
        out.clear();
        length = 0;
        for (;;) {
            const std::size_t run = i_;
            while (i_ < in_.size() && in_[i_] != '"' && in_[i_] != '\\' && static_cast<unsigned char>(in_[i_]) >= 0x20)
                ++i_;
            length += i_ - run;
            if (out.size() < keep) out.append(in_.data() + run, std::min(i_ - run, keep - out.size()));
            const std::size_t before = out.size();
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
            length += out.size() - before;
            if (out.size() > keep) {  // an escape past `keep`: counted, not kept
                out.resize(before);
                keep = before;
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
        // An integer is read exactly, as the general reader reads it: through
        // a double, 466666666666666666 came back as ...688 (fuzz_stored_answer).
        std::int64_t integer = 0;
        auto [int_end, int_ec] = std::from_chars(begin, after, integer);
        if (int_ec != std::errc() || int_end != after) integer = to_integer(real);
        i_ += static_cast<std::size_t>(after - begin);
        set_number(s, key, real, integer);
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
        if (std::size_t* whole = whole_size(out_, key_)) *whole = std::max(*whole, v.size());
        if (std::string* field = text_field(out_, key_)) *field = std::move(v);
        return true;
    }
    bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), v); }
    bool number_unsigned(number_unsigned_t v) override {
        return number(static_cast<double>(v), v > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(v));
    }
    bool number_float(number_float_t v, const string_t&) override { return number(v, to_integer(v)); }
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
    // A damaged or foreign database may hold bytes that are not UTF-8. The
    // encoder replaces them (U+FFFD), so the decoder does too: otherwise the
    // sizes change between a decode and the next encode, and what is shown
    // differs from what would be written back (found by fuzz_stored_answer).
    Answer& a = s.answer;
    for (std::string* text : {&s.thread_id, &a.id, &s.title, &a.body, &s.url, &s.source, &s.question, &s.category,
                              &s.date, &a.title, &a.author, &a.specialty, &a.location, &a.date})
        if (!utf8::is_valid(*text)) *text = utf8::repair(*text);
    for (std::string& tag : s.tags)
        if (!utf8::is_valid(tag)) tag = utf8::repair(tag);
    for (std::string* text : {&s.answer.body, &s.question}) text->resize(text_window_end(*text));
    s.body_bytes = std::max(s.body_bytes, s.answer.body.size());
    s.question_bytes = std::max(s.question_bytes, s.question.size());
    return s;
}

}  // namespace qadex
