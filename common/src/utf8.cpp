// UTF-8 decoding, validation, repair and safe truncation (see utf8.hpp),
// written by hand so that the rules are exactly RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF.
#include <qadex/utf8.hpp>

#include <cstdint>
#include <cstring>

namespace qadex::utf8 {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

bool in_range(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// Length of the well-formed sequence starting at `pos`, or the negated
// length of its longest well-formed prefix (at least 1) when it is invalid.
// Replacing that prefix by one U+FFFD is what Unicode recommends ("maximal
// subpart"), so repair() matches browsers and ICU.
long sequence_at(std::string_view text, std::size_t pos) {
    auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) return 1;

    // The allowed range of the second byte is what rules out overlongs
    // (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
    unsigned char lo = 0x80, hi = 0xBF;
    long length = 0;
    if (in_range(lead, 0xC2, 0xDF)) length = 2;
    else if (lead == 0xE0) length = 3, lo = 0xA0;
    else if (lead == 0xED) length = 3, hi = 0x9F;
    else if (in_range(lead, 0xE1, 0xEF)) length = 3;
    else if (lead == 0xF0) length = 4, lo = 0x90;
    else if (lead == 0xF4) length = 4, hi = 0x8F;
    else if (in_range(lead, 0xF1, 0xF3)) length = 4;
    else return -1;  // stray continuation byte, C0, C1 or F5..FF

    for (long i = 1; i < length; ++i) {
        std::size_t at = pos + static_cast<std::size_t>(i);
        if (at >= text.size()) return -i;
        auto c = static_cast<unsigned char>(text[at]);
        bool ok = i == 1 ? in_range(c, lo, hi) : in_range(c, 0x80, 0xBF);
        if (!ok) return -i;
    }
    return length;
}

// Number of ASCII bytes at the start of text[pos..], eight at a time.
std::size_t ascii_run(std::string_view text, std::size_t pos) {
    std::size_t start = pos;
    while (pos + 8 <= text.size()) {
        std::uint64_t chunk;
        std::memcpy(&chunk, text.data() + pos, 8);
        if (chunk & 0x8080808080808080ULL) break;
        pos += 8;
    }
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
    return pos - start;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// `text` copied with its valid sequences kept and each invalid one handed
// to on_invalid(out, text, pos, negated length), which appends what stands
// for it and returns how many bytes it took.
template <typename OnInvalid>
std::string rebuilt(std::string_view text, OnInvalid on_invalid) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t run = ascii_run(text, pos);
        out.append(text.substr(pos, run));
        pos += run;
        if (pos >= text.size()) break;
        if (long n = sequence_at(text, pos); n > 0) {
            out.append(text.substr(pos, static_cast<std::size_t>(n)));
            pos += static_cast<std::size_t>(n);
        } else {
            pos += on_invalid(out, text, pos, n);
        }
    }
    return out;
}

}  // namespace

namespace detail {

CodePoint decode_sequence(std::string_view text, std::size_t pos) {
    const long length = sequence_at(text, pos);
    if (length < 0) return {0xFFFD, static_cast<std::size_t>(-length)};
    const auto n = static_cast<std::size_t>(length);
    const auto lead = static_cast<unsigned char>(text[pos]);
    char32_t value = n == 1 ? lead : lead & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) value = (value << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3Fu);
    return {value, n};
}

}  // namespace detail

std::optional<std::size_t> first_invalid_byte(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        pos += ascii_run(text, pos);
        if (pos >= text.size()) break;
        long n = sequence_at(text, pos);
        if (n < 0) return pos;
        pos += static_cast<std::size_t>(n);
    }
    return std::nullopt;
}

std::string repair(std::string_view text) {
    if (is_valid(text)) return std::string(text);  // the common case: one fast pass, one copy
    return rebuilt(text, [](std::string& out, std::string_view, std::size_t, long n) {
        out.append(replacement);
        return static_cast<std::size_t>(-n);
    });
}

std::string repair_as_windows_1252(std::string_view text) {
    // Windows-1252's 0x80-0x9F; 0 marks its unassigned bytes (C1 controls).
    static constexpr char16_t high[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    return rebuilt(text, [](std::string& out, std::string_view t, std::size_t pos, long) {
        const auto byte = static_cast<unsigned char>(t[pos]);
        append_utf8(out, byte < 0xA0 && high[byte - 0x80] ? high[byte - 0x80] : byte);
        return std::size_t{1};  // each byte on its own
    });
}

std::optional<std::string> from_utf16_with_bom(std::string_view text) {
    const bool little = text.starts_with("\xFF\xFE"), big = text.starts_with("\xFE\xFF");
    if (!little && !big) return std::nullopt;
    const auto unit = [&](std::size_t at) {
        const auto a = static_cast<unsigned char>(text[at]), b = static_cast<unsigned char>(text[at + 1]);
        return static_cast<char16_t>(little ? (b << 8 | a) : (a << 8 | b));
    };
    std::string out;
    out.reserve(text.size());
    std::size_t at = 2;
    for (; at + 1 < text.size(); at += 2) {
        const char16_t u = unit(at);
        if (u >= 0xD800 && u <= 0xDBFF && at + 3 < text.size()) {
            const char16_t low = unit(at + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00));
                at += 2;
                continue;
            }
        }
        append_utf8(out, u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
    }
    if (at < text.size()) append_utf8(out, 0xFFFD);  // an odd last byte
    return out;
}

std::string_view truncate(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t cut = max_bytes;
    if (!is_continuation(text[cut])) return text.substr(0, cut);
    // Back up to the lead byte of the character that straddles the cut
    // (at most three bytes back); cut before it if it is really split.
    std::size_t lead = cut;
    while (lead > 0 && cut - lead < 3 && is_continuation(text[lead])) --lead;
    long n = sequence_at(text, lead);
    if (n > 0 && lead + static_cast<std::size_t>(n) > cut) return text.substr(0, lead);
    return text.substr(0, cut);
}

}  // namespace qadex::utf8
