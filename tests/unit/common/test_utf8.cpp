// Tests of UTF-8 validation, repair and truncation, table-driven with the
// boundary cases of RFC 3629 (overlongs, surrogates, beyond U+10FFFF).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <qadex/utf8.hpp>

namespace {

namespace utf8 = qadex::utf8;

const std::string fffd = "\xEF\xBF\xBD";

std::string bytes(std::initializer_list<unsigned char> list) { return std::string(list.begin(), list.end()); }

}  // namespace

TEST_CASE("Well-formed UTF-8 is accepted at every boundary code point", "[utf8]") {
    const std::vector<std::pair<std::string, std::string>> valid{
        {"empty", ""},
        {"ASCII", "plain text, 123!"},
        {"NUL is a valid code point", std::string("a\0b", 3)},
        {"U+0080, smallest two-byte", "\xC2\x80"},
        {"U+07FF, largest two-byte", "\xDF\xBF"},
        {"U+0800, smallest three-byte", "\xE0\xA0\x80"},
        {"U+D7FF, just below the surrogates", "\xED\x9F\xBF"},
        {"U+E000, just above the surrogates", "\xEE\x80\x80"},
        {"U+FFFF", "\xEF\xBF\xBF"},
        {"U+10000, smallest four-byte", "\xF0\x90\x80\x80"},
        {"U+10FFFF, largest code point", "\xF4\x8F\xBF\xBF"},
        {"mixed scripts", "caf\xC3\xA9 \xE2\x82\xAC \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80"},
        {"multibyte after a long ASCII run", std::string(37, 'x') + "\xC3\xA9" + std::string(9, 'y')},
    };
    for (const auto& [name, text] : valid) {
        INFO(name);
        CHECK(utf8::first_invalid_byte(text) == std::nullopt);
        CHECK(utf8::is_valid(text));
        CHECK(utf8::repair(text) == text);
    }
}

TEST_CASE("Ill-formed UTF-8 is reported at the first bad byte", "[utf8]") {
    struct Row {
        std::string name, text;
        std::size_t offset;
    };
    const std::vector<Row> invalid{
        {"lone continuation byte", "\x80", 0},
        {"continuation after ASCII", "ab\xBF", 2},
        {"C0 overlong NUL", "a\xC0\x80", 1},
        {"C1 overlong", "\xC1\xBF", 0},
        {"E0 overlong three-byte", "\xE0\x80\x80", 0},
        {"E0 overlong, top of range", "\xE0\x9F\xBF", 0},
        {"high surrogate U+D800", "\xED\xA0\x80", 0},
        {"low surrogate U+DFFF", "\xED\xBF\xBF", 0},
        {"F0 overlong four-byte", "\xF0\x8F\xBF\xBF", 0},
        {"U+110000, beyond Unicode", "\xF4\x90\x80\x80", 0},
        {"F5 lead byte", "\xF5\x80\x80\x80", 0},
        {"FE byte", "x\xFE", 1},
        {"FF byte", "\xFF", 0},
        {"truncated at the end", "abc\xE2\x82", 3},
        {"truncated before ASCII", "\xE2\x82x", 0},
        {"truncated four-byte", "\xF0\x9F\x98 ", 0},
        {"second sequence bad", "\xC3\xA9\x80", 2},
        {"bad byte after a long ASCII run", std::string(17, 'a') + "\xC3", 17},
        {"bad byte at a chunk boundary", std::string(8, 'a') + "\x80" + std::string(8, 'b'), 8},
    };
    for (const auto& row : invalid) {
        INFO(row.name);
        CHECK(utf8::first_invalid_byte(row.text) == row.offset);
        CHECK_FALSE(utf8::is_valid(row.text));
        CHECK(utf8::is_valid(utf8::repair(row.text)));
    }
}

TEST_CASE("Repair replaces each maximal ill-formed subpart by one U+FFFD", "[utf8]") {
    const std::vector<std::pair<std::string, std::string>> rows{
        {"a\x80" "b", "a" + fffd + "b"},
        {"\xE2\x82x", fffd + "x"},                      // one truncated sequence
        {"\xF0\x9F\x98", fffd},                          // truncated at the end
        {"\xC0\x80", fffd + fffd},                       // C0 is never a lead byte
        {"\xED\xA0\x80", fffd + fffd + fffd},            // surrogate: every byte on its own
        {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd}, // beyond U+10FFFF
        {"caf\xC3\xA9\xFF", "caf\xC3\xA9" + fffd},
        {bytes({0xE2, 0x82, 0xAC, 0xE2, 0x82}), "\xE2\x82\xAC" + fffd},
    };
    for (const auto& [in, out] : rows) {
        INFO(in);
        CHECK(utf8::repair(in) == out);
    }
}

TEST_CASE("Bytes outside valid sequences read as Windows-1252, valid sequences kept", "[utf8]") {
    const std::vector<std::pair<std::string, std::string>> rows{
        {"caf\xE9", "caf\xC3\xA9"},                                     // Latin-1 range
        {"\x93q\x94 \x80 \x96", "\xE2\x80\x9Cq\xE2\x80\x9D \xE2\x82\xAC \xE2\x80\x93"},  // 0x80-0x9F
        {"\x81\x9D", "\xC2\x81\xC2\x9D"},                               // unassigned: C1 controls
        {"\xFF", "\xC3\xBF"},
        {"na\xC3\xAFve \xE9", "na\xC3\xAFve \xC3\xA9"},                // valid UTF-8 beside it kept
        {"\xE2\x82x", "\xC3\xA2\xE2\x80\x9Ax"},                          // a truncated sequence, byte by byte
        {"\xEF\xBF\xBD", "\xEF\xBF\xBD"},                                // a real U+FFFD is valid
        {"plain", "plain"},
        {"", ""},
    };
    for (const auto& [in, out] : rows) {
        INFO(in);
        CHECK(utf8::repair_as_windows_1252(in) == out);
        CHECK(utf8::is_valid(utf8::repair_as_windows_1252(in)));
    }
}

TEST_CASE("UTF-16 with a byte order mark reads as UTF-8, without the mark", "[utf8]") {
    // "Aé€😀" in both byte orders.
    const std::string little = bytes({0xFF, 0xFE, 'A', 0, 0xE9, 0, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE});
    const std::string big = bytes({0xFE, 0xFF, 0, 'A', 0, 0xE9, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00});
    const std::string expected = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    CHECK(utf8::from_utf16_with_bom(little) == expected);
    CHECK(utf8::from_utf16_with_bom(big) == expected);
    // An unpaired surrogate and an odd last byte are U+FFFD.
    CHECK(utf8::from_utf16_with_bom(bytes({0xFF, 0xFE, 0x3D, 0xD8, 'x', 0})) == fffd + "x");
    CHECK(utf8::from_utf16_with_bom(bytes({0xFF, 0xFE, 'x', 0, 'y'})) == "x" + fffd);
    CHECK(utf8::from_utf16_with_bom(bytes({0xFF, 0xFE})) == "");
    // Without the mark: not UTF-16.
    CHECK_FALSE(utf8::from_utf16_with_bom(std::string("A\0", 2)).has_value());
    CHECK_FALSE(utf8::from_utf16_with_bom("\xEF\xBB\xBF" "A").has_value());
}

TEST_CASE("Truncation never splits a character", "[utf8]") {
    struct Row {
        std::string text;
        std::size_t max;
        std::string expected;
    };
    const std::vector<Row> rows{
        {"abc", 5, "abc"},
        {"abc", 3, "abc"},
        {"abc", 2, "ab"},
        {"abc", 0, ""},
        {"\xC3\xA9", 1, ""},
        {"a\xC3\xA9", 2, "a"},
        {"a\xC3\xA9", 3, "a\xC3\xA9"},
        {"\xE2\x82\xAC" "x", 2, ""},
        {"\xE2\x82\xAC" "x", 3, "\xE2\x82\xAC"},
        {"\xF0\x9F\x98\x80", 3, ""},
        {"a\xF0\x9F\x98\x80", 1, "a"},
        {"\x80\x80\x80\x80\x80", 2, "\x80\x80"},  // no character to keep whole: cut where asked
    };
    for (const auto& row : rows) {
        INFO(row.text << " at " << row.max);
        CHECK(utf8::truncate(row.text, row.max) == row.expected);
    }
}

TEST_CASE("Truncation keeps the longest valid prefix at every length", "[utf8]") {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";  // 1 + 2 + 3 + 4 + 1 bytes
    const std::vector<std::size_t> boundaries{0, 1, 3, 6, 10, 11};
    for (std::size_t max = 0; max <= text.size() + 1; ++max) {
        INFO("max " << max);
        auto cut = utf8::truncate(text, max);
        CHECK(cut.data() == text.data());
        CHECK(utf8::is_valid(cut));
        std::size_t best = 0;
        for (auto b : boundaries)
            if (b <= max) best = b;
        CHECK(cut.size() == best);
    }
}

TEST_CASE("Decoding reads each code point and U+FFFD for what repair replaces", "[utf8]") {
    struct Case {
        std::string text;
        char32_t value;
        std::size_t length;
    };
    const std::vector<Case> cases{
        {"a", U'a', 1},
        {"\xC3\xA9x", U'\u00E9', 2},
        {"\xE2\x82\xAC", U'\u20AC', 3},
        {"\xF4\x8F\xBF\xBF", U'\U0010FFFF', 4},
        {"\xC0\x80", 0xFFFD, 1},          // overlong: the lead byte alone
        {"\xED\xA0\x80", 0xFFFD, 1},      // surrogate
        {"\xE2\x82" "a", 0xFFFD, 2},      // truncated: its maximal subpart
        {"\xF0\x9F\x98", 0xFFFD, 3},      // cut at the end of the text
        {"\x80", 0xFFFD, 1},              // stray continuation byte
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const utf8::CodePoint cp = utf8::decode(c.text, 0);
        CHECK(cp.value == c.value);
        CHECK(cp.length == c.length);
    }
    // Decoding a whole text step by step agrees with repair().
    const std::string mixed = "ok \xC3\xA9 \xE2\x82 \xFF end \xF0\x9F\x98\x80";
    std::string rebuilt;
    for (std::size_t i = 0; i < mixed.size();) {
        const utf8::CodePoint cp = utf8::decode(mixed, i);
        rebuilt += cp.value == 0xFFFD ? fffd : mixed.substr(i, cp.length);
        i += cp.length;
    }
    CHECK(rebuilt == utf8::repair(mixed));
}
