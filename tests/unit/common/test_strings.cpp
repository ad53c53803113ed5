// The shared ASCII string helpers (common/include/qadex/strings.hpp).
#include <catch2/catch.hpp>

#include <qadex/strings.hpp>

using namespace qadex;

TEST_CASE("trim drops the given bytes at both ends only", "[strings]") {
    CHECK(trim("  a b \t\n") == "a b");
    CHECK(trim("\v\f\r x \r") == "x");
    CHECK(trim(" \t ") == "");
    CHECK(trim("") == "");
    CHECK(trim("\ta b\t", " ") == "\ta b\t");
    CHECK(trim("  a  ", " ") == "a");
}

TEST_CASE("ASCII case and tests leave other bytes alone", "[strings]") {
    CHECK(ascii_lower("ÀBC-Déf") == "Àbc-déf");
    std::string out = "x";
    append_ascii_lower(out, "YZ");
    CHECK(out == "xyz");
    CHECK(is_ascii("plain text"));
    CHECK_FALSE(is_ascii("caf\xC3\xA9"));
    CHECK(starts_with_ascii_nocase("HTTPS://x", "https://"));
    CHECK_FALSE(starts_with_ascii_nocase("http", "https://"));
    CHECK(is_ascii_space('\v'));
    CHECK_FALSE(is_ascii_space('\0'));
    CHECK_FALSE(is_ascii_space('x'));
}

TEST_CASE("split keeps empty parts - join puts separators between", "[strings]") {
    using V = std::vector<std::string_view>;
    CHECK(split("a,,b", ',') == V{"a", "", "b"});
    CHECK(split("", ',') == V{""});
    CHECK(split("a b", ',') == V{"a b"});
    const std::vector<std::string> parts{"a", "b", "c"};
    CHECK(join(parts, ", ") == "a, b, c");
    CHECK(join(parts, ", ", " and ") == "a, b and c");
    CHECK(join({"a"}, ", ", " and ") == "a");
    CHECK(join({}, ", ") == "");
}
