// Small ASCII string helpers that both programs use: trimming, case,
// splitting and joining. Text is UTF-8; bytes above 0x7F are never changed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qadex {

// ASCII white space, what std::isspace takes in the "C" locale.
inline constexpr std::string_view ascii_space = " \t\n\v\f\r";

inline bool is_ascii_space(char c) { return ascii_space.find(c) != std::string_view::npos; }

// `text` without the leading and trailing bytes found in `chars`.
std::string_view trim(std::string_view text, std::string_view chars = ascii_space);

bool is_ascii(std::string_view text);

// A..Z lowered, every other byte as it is.
std::string ascii_lower(std::string_view text);
void append_ascii_lower(std::string& out, std::string_view text);

// `text` starts with `lower_prefix` (lower case) in any ASCII case.
bool starts_with_ascii_nocase(std::string_view text, std::string_view lower_prefix);

// The parts between each `separator` ("a,,b" -> "a", "", "b").
std::vector<std::string_view> split(std::string_view text, char separator);

// The runs of letters and digits, lower-cased: "Charcot-Marie-Tooth disease"
// -> charcot, marie, tooth, disease (bytes outside ASCII count as letters).
std::vector<std::string> alphanumeric_runs(std::string_view text);

// "a, b, c" for join({"a", "b", "c"}, ", "); "a, b and c" with last_separator " and ".
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator, std::string_view last_separator);

}  // namespace qadex
