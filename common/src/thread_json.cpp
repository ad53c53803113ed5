// JSON Lines record parsing: strict about structure, lenient about numbers
// written as text and text written as numbers (see docs/FORMATS.md).
#include <qadex/thread_json.hpp>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_set>

#include <qadex/error.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

namespace {

using json = nlohmann::json;

// Deeper documents are refused before parsing: no real thread nests beyond a
// handful of levels, and the limit keeps hostile input from costing stack.
constexpr int max_nesting = 32;

const char* type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::binary: return "binary";
        case json::value_t::discarded: return "invalid";
        default: return "a number";
    }
}

// Reports errors about one record, naming its file and line.
struct RecordContext {
    const std::string& file;
    std::size_t line;
    [[noreturn]] void fail(const std::string& reason) const { throw InputError(file, line, reason); }
};

int nesting_depth(std::string_view text) {
    int depth = 0, max_depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            max_depth = std::max(max_depth, ++depth);
            if (max_depth > max_nesting) return max_depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return max_depth;
}

// Values of another type where one was expected are read as
// Elasticsearch's default "coerce" reads them, since exports from
// spreadsheets and scrapers write them so: a number where text is expected
// is its text ("zip": 90210, "id": 42), a string where a number is expected
// is that number ("rating": "4.5"), one string where an array of strings is
// expected is a one-string array ("tags": "acne"). They cost the whole
// record before. Anything else of the wrong type is still an error.

// The text of a string or a number; nullopt for other types.
std::optional<std::string> text_of(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return v.dump();
    return std::nullopt;
}

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The number a string holds whole ("4.5", " 12 "), or nullopt.
template <typename Number>
std::optional<Number> number_in(std::string_view s) {
    s = trimmed(s);
    Number n{};
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || error != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return n;
}

std::string optional_string(const RecordContext& ctx, const json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    auto text = text_of(*it);
    if (!text) ctx.fail(where + "field '" + key + "' must be a string, not " + type_name(*it));
    return *text;
}

std::string required_id(const RecordContext& ctx, const json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) ctx.fail(where + "missing required field '" + key + "'");
    // A whole number is an id too (Meilisearch's and Elasticsearch's are); 1.5 is not.
    if (!it->is_string() && !it->is_number_integer())
        ctx.fail(where + "field '" + key + "' must be a string, not " + type_name(*it));
    std::string id = it->is_string() ? it->get<std::string>() : it->dump();
    if (id.find_first_not_of(" \t\r\n") == std::string::npos) ctx.fail(where + "field '" + key + "' is empty");
    for (unsigned char c : id)
        if (c < 0x20 || c == 0x7f) ctx.fail(where + "field '" + key + "' contains a control character");
    return id;
}

bool is_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Accepts "YYYY-MM-DD", optionally followed by an ISO 8601 time; keeps the date.
std::string optional_date(const RecordContext& ctx, const json& obj, const char* key, const std::string& where) {
    std::string value = optional_string(ctx, obj, key, where);
    if (value.empty()) return value;
    std::string_view v(value);
    bool ok = v.size() >= 10 && is_digits(v.substr(0, 4)) && v[4] == '-' && is_digits(v.substr(5, 2)) &&
              v[7] == '-' && is_digits(v.substr(8, 2)) && (v.size() == 10 || v[10] == 'T' || v[10] == ' ');
    if (ok) {
        int month = std::stoi(value.substr(5, 2)), day = std::stoi(value.substr(8, 2));
        ok = month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
    if (!ok) ctx.fail(where + "field '" + key + "' must be a date YYYY-MM-DD, not \"" + std::string(utf8::truncate(value, 40)) + "\"");
    return value.substr(0, 10);
}

std::optional<std::int64_t> optional_count(const RecordContext& ctx, const json& obj, const char* key,
                                           const std::string& where, bool allow_negative) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    std::optional<std::int64_t> written;
    if (it->is_string()) {
        written = number_in<std::int64_t>(it->get_ref<const std::string&>());
        if (!written) ctx.fail(where + "field '" + key + "' must be a whole number, not a string of other text");
    } else if (!it->is_number_integer()) {
        ctx.fail(where + "field '" + key + "' must be a whole number, not " + type_name(*it));
    } else if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        ctx.fail(where + "field '" + key + "' is too large");
    }
    auto n = written ? *written : it->get<std::int64_t>();
    if (!allow_negative && n < 0) ctx.fail(where + "field '" + key + "' must not be negative");
    return n;
}

std::optional<double> optional_rating(const RecordContext& ctx, const json& obj, const std::string& where) {
    auto it = obj.find("rating");
    if (it == obj.end() || it->is_null()) return std::nullopt;
    std::optional<double> written;
    if (it->is_string()) {
        written = number_in<double>(it->get_ref<const std::string&>());
        if (!written) ctx.fail(where + "field 'rating' must be a number, not a string of other text");
    } else if (!it->is_number()) {
        ctx.fail(where + "field 'rating' must be a number, not " + type_name(*it));
    }
    double r = written ? *written : it->get<double>();
    if (!(r >= 0.0 && r <= 5.0)) ctx.fail(where + "field 'rating' must be between 0 and 5");
    return r;
}

std::vector<std::string> optional_tags(const RecordContext& ctx, const json& obj) {
    std::vector<std::string> tags;
    auto it = obj.find("tags");
    if (it == obj.end() || it->is_null()) return tags;
    if (auto one = text_of(*it)) return {*one};
    if (!it->is_array()) ctx.fail(std::string("field 'tags' must be an array of strings, not ") + type_name(*it));
    for (const auto& tag : *it) {
        auto text = text_of(tag);
        if (!text) ctx.fail(std::string("field 'tags' must hold only strings, not ") + type_name(tag));
        tags.push_back(*text);
    }
    return tags;
}

Answer parse_answer(const RecordContext& ctx, const json& obj, std::size_t index) {
    std::string where = "answer " + std::to_string(index + 1) + ": ";
    if (!obj.is_object()) ctx.fail(where + "must be an object, not " + type_name(obj));
    Answer a;
    a.id = required_id(ctx, obj, "id", where);
    where = "answer '" + std::string(utf8::truncate(a.id, 80)) + "': ";
    auto body = obj.find("body");
    if (body == obj.end() || body->is_null()) ctx.fail(where + "missing required field 'body'");
    auto body_text = text_of(*body);
    if (!body_text) ctx.fail(where + "field 'body' must be a string, not " + type_name(*body));
    a.body = *body_text;
    a.title = optional_string(ctx, obj, "title", where);
    a.author = optional_string(ctx, obj, "author", where);
    a.specialty = optional_string(ctx, obj, "specialty", where);
    a.location = optional_string(ctx, obj, "location", where);
    a.rating = optional_rating(ctx, obj, where);
    a.reviews = optional_count(ctx, obj, "reviews", where, false);
    a.votes = optional_count(ctx, obj, "votes", where, true);
    a.date = optional_date(ctx, obj, "date", where);
    return a;
}

}  // namespace

Thread parse_thread_json(std::string_view line, const std::string& file, std::size_t line_no) {
    RecordContext ctx{file, line_no};
    if (auto bad = utf8::first_invalid_byte(line))
        ctx.fail("invalid UTF-8 at byte " + std::to_string(*bad + 1));
    if (nesting_depth(line) > max_nesting)
        ctx.fail("JSON nested deeper than " + std::to_string(max_nesting) + " levels");
    json record;
    try {
        record = json::parse(line);
    } catch (const json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> "invalid JSON at column 5: ..."
        std::string msg = e.what();
        auto colon = msg.find(": ", msg.find("column "));
        std::string detail = colon == std::string::npos ? msg : msg.substr(colon + 2);
        ctx.fail("invalid JSON at byte " + std::to_string(e.byte) + ": " + detail);
    } catch (const json::exception& e) {
        // A number too large for a double ("1e400", found by fuzz_jsonl_reader):
        // nlohmann throws out_of_range, which is the record's fault too.
        std::string msg = e.what();
        const auto bracket = msg.find("] ");
        ctx.fail("invalid JSON: " + (bracket == std::string::npos ? msg : msg.substr(bracket + 2)));
    }
    if (!record.is_object()) ctx.fail(std::string("a record must be a JSON object, not ") + type_name(record));

    Thread t;
    t.id = required_id(ctx, record, "id", "");
    t.url = optional_string(ctx, record, "url", "");
    t.source = optional_string(ctx, record, "source", "");
    t.title = optional_string(ctx, record, "title", "");
    t.question = optional_string(ctx, record, "question", "");
    t.category = optional_string(ctx, record, "category", "");
    t.date = optional_date(ctx, record, "date", "");
    t.tags = optional_tags(ctx, record);

    auto answers = record.find("answers");
    if (answers == record.end() || answers->is_null()) ctx.fail("missing required field 'answers'");
    if (!answers->is_array()) ctx.fail(std::string("field 'answers' must be an array, not ") + type_name(*answers));
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < answers->size(); ++i) {
        Answer a = parse_answer(ctx, (*answers)[i], i);
        if (!seen.insert(a.id).second) ctx.fail("answer id '" + std::string(utf8::truncate(a.id, 80)) + "' appears twice");
        t.answers.push_back(std::move(a));
    }
    return t;
}

std::string thread_to_json(const Thread& t) {
    json j = {{"id", t.id}, {"url", t.url}, {"source", t.source}, {"title", t.title}, {"question", t.question},
              {"tags", t.tags}, {"category", t.category}};
    if (!t.date.empty()) j["date"] = t.date;
    json answers = json::array();
    for (const auto& a : t.answers) {
        json ja = {{"id", a.id}, {"body", a.body}};
        if (!a.title.empty()) ja["title"] = a.title;
        if (!a.author.empty()) ja["author"] = a.author;
        if (!a.specialty.empty()) ja["specialty"] = a.specialty;
        if (!a.location.empty()) ja["location"] = a.location;
        if (a.rating) ja["rating"] = *a.rating;
        if (a.reviews) ja["reviews"] = *a.reviews;
        if (a.votes) ja["votes"] = *a.votes;
        if (!a.date.empty()) ja["date"] = a.date;
        answers.push_back(std::move(ja));
    }
    j["answers"] = std::move(answers);
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace qadex
