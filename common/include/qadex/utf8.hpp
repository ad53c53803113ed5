// UTF-8 decoding, validation and repair, shared by readers and by every
// output path (JSON must stay valid whatever bytes came in).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qadex::utf8 {

struct CodePoint {
    char32_t value;
    std::size_t length;  // bytes
};

namespace detail {
CodePoint decode_sequence(std::string_view text, std::size_t pos);
}

// The character starting at text[pos] (pos < text.size()). An invalid
// sequence reads as U+FFFD, as long as what repair() replaces by one U+FFFD.
inline CodePoint decode(std::string_view text, std::size_t pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    return byte < 0x80 ? CodePoint{byte, 1} : detail::decode_sequence(text, pos);
}

// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> first_invalid_byte(std::string_view text);

inline bool is_valid(std::string_view text) { return !first_invalid_byte(text); }

// Copy of `text` with every invalid sequence replaced by U+FFFD.
std::string repair(std::string_view text);

// Copy of `text` with every byte that is not part of a valid UTF-8
// sequence read as a Windows-1252 character ("\xE9" as "é", "\x92" as
// "’"; its five unassigned bytes as the C1 controls, as browsers read
// them). Valid sequences are kept: a file in a legacy 8-bit encoding, or
// UTF-8 with a stray byte, loses nothing (Xapian's Utf8Iterator reads such
// bytes as Latin-1 alike).
std::string repair_as_windows_1252(std::string_view text);

// UTF-8 of a text that starts with a UTF-16 byte order mark (FF FE: little
// endian, FE FF: big endian; the mark itself dropped), as Windows editors
// save "Unicode" text; unpaired surrogates and an odd last byte read as
// U+FFFD. nullopt when the text has no such mark.
std::optional<std::string> from_utf16_with_bom(std::string_view text);

// Longest prefix of at most `max_bytes` that does not split a character.
std::string_view truncate(std::string_view text, std::size_t max_bytes);

}  // namespace qadex::utf8
