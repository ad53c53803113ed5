// UTF-8 validation and repair, shared by readers and by every output path
// (JSON must stay valid whatever bytes came in).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qadex::utf8 {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> first_invalid_byte(std::string_view text);

inline bool is_valid(std::string_view text) { return !first_invalid_byte(text); }

// Copy of `text` with every invalid sequence replaced by U+FFFD.
std::string repair(std::string_view text);

// Longest prefix of at most `max_bytes` that does not split a character.
std::string_view truncate(std::string_view text, std::size_t max_bytes);

}  // namespace qadex::utf8
