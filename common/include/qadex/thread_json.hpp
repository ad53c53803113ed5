// Converts between one JSON Lines record and a Thread, with the strict
// validation of docs/FORMATS.md (types, required fields, UTF-8, nesting).
#pragma once

#include <string>
#include <string_view>

#include <qadex/document.hpp>

namespace qadex {

// Parses one JSON Lines record. Throws InputError("FILE:LINE: reason") for
// invalid JSON or UTF-8, a missing id, a field of the wrong type, etc.
Thread parse_thread_json(std::string_view line, const std::string& file, std::size_t line_no);

// Serialises a thread as one JSON Lines record (compact, UTF-8, no newline).
std::string thread_to_json(const Thread& thread);

}  // namespace qadex
