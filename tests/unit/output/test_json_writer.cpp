// The streaming JSON writer behind --format json/jsonl and the CGI's JSON:
// what it writes must parse back to the values given.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

#include "output/json_writer.hpp"

using qadex::JsonWriter;

TEST_CASE("JsonWriter output parses back to the values written", "[json]") {
    // Appended, not added with +: GCC 12 warns falsely (-Warray-bounds) on the sum.
    std::string awkward("quote \" backslash \\ newline \n tab \t nul ", 24);
    awkward += '\0';
    awkward += "\x01\x1f del \x7f naïve 毒素 😀 </script>";
    std::string text;
    JsonWriter w(text);
    w.begin_object()
        .field("s", awkward)
        .field("empty", "")
        .field("whole", 4.0)
        .field("real", 32.3116)
        .field("tiny", 1e-7)
        .field("neg", std::int64_t{-3})
        .field("big", std::numeric_limits<std::uint64_t>::max())
        .field("yes", true)
        .key("nan").value(std::numeric_limits<double>::quiet_NaN())
        .key("nothing").null()
        .key("list").begin_array().value(1).begin_object().end_object().begin_array().end_array().value("x").end_array()
        .key("nested").begin_object().field("k", 1u).end_object()
        .end_object();

    const auto j = nlohmann::json::parse(text);
    CHECK(j["s"] == awkward);
    CHECK(j["empty"] == "");
    CHECK(j["whole"].is_number_float());
    CHECK(j["whole"] == 4.0);
    CHECK(j["real"] == 32.3116);
    CHECK(j["tiny"] == 1e-7);
    CHECK(j["neg"] == -3);
    CHECK(j["big"] == std::numeric_limits<std::uint64_t>::max());
    CHECK(j["yes"] == true);
    CHECK(j["nan"].is_null());
    CHECK(j["nothing"].is_null());
    CHECK(j["list"] == nlohmann::json::parse(R"([1, {}, [], "x"])"));
    CHECK(j["nested"]["k"] == 1);
    // Only what JSON requires is escaped: UTF-8 stays as it is.
    CHECK(text.find("naïve 毒素 😀") != std::string::npos);
    CHECK(text.find('\n') == std::string::npos);
}
