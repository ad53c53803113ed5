// A streaming JSON writer for search results: each value goes straight to
// the output, in order, with no document tree in between (building and
// dumping an nlohmann::ordered_json tree was a tenth of a one-query
// process). Strings must be valid UTF-8 (callers repair them first); they
// are written raw, with only what JSON requires escaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qadex {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);  // shortest round-trip form, "4.0" for whole numbers, null for NaN/inf
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    // key(name).value(v) in one call.
    template <typename T>
    JsonWriter& field(std::string_view name, const T& v) {
        return key(name).value(v);
    }

private:
    void separate();  // the comma before a value or key, when one is due

    std::string& out_;
    std::vector<bool> has_items_;  // per open object/array
    bool after_key_ = false;
};

// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace qadex
