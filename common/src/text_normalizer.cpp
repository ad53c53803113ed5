// ICU-based folding; see text_normalizer.hpp for what and why.
#include <qadex/text_normalizer.hpp>

#include <cctype>
#include <string>
#include <unicode/utf16.h>

#include <qadex/error.hpp>
#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

#include "icu_library.hpp"

namespace qadex {

namespace {

// Scripts whose words are not separated by spaces and need a dictionary break.
bool needs_word_breaking(const IcuLibrary& icu, UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    switch (icu.script_of(c, &status)) {
        case USCRIPT_HAN:
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA:
        case USCRIPT_THAI:
        case USCRIPT_LAO:
        case USCRIPT_KHMER:
        case USCRIPT_MYANMAR:
            return true;
        default:
            return false;
    }
}

// Combining diacritical marks (U+0300..U+036F) are what distinguishes
// "é" from "e" in Latin, Greek and Cyrillic text; marks of other blocks are
// letters' vowels in their scripts and must stay.
bool is_foldable_mark(UChar32 c) { return c >= 0x0300 && c <= 0x036F; }

[[noreturn]] void icu_failed(const IcuLibrary& icu, const char* what, UErrorCode status) {
    throw FatalError(std::string("ICU ") + what + " failed: " + icu.error_name(status));
}

// Calls an ICU function that writes into a buffer, growing the buffer once
// when ICU says it was too small (ICU's preflighting convention).
template <typename Char, typename Call>
std::basic_string<Char> with_buffer(const IcuLibrary& icu, const char* what, std::size_t guess, Call call) {
    std::basic_string<Char> out(guess, Char{});
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = call(out.data(), static_cast<int32_t>(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.assign(static_cast<std::size_t>(length), Char{});
        status = U_ZERO_ERROR;
        length = call(out.data(), static_cast<int32_t>(out.size()), &status);
    }
    if (U_FAILURE(status)) icu_failed(icu, what, status);
    out.resize(static_cast<std::size_t>(length));
    return out;
}

}  // namespace

struct TextNormalizer::Impl {
    const IcuLibrary* icu = nullptr;
    const UNormalizer2* nfkc_cf = nullptr;
    const UNormalizer2* nfd = nullptr;
    const UNormalizer2* nfc = nullptr;
    UBreakIterator* words = nullptr;

    ~Impl() {
        if (words) icu->break_close(words);
    }

    void ensure_normalizers() {
        if (nfkc_cf) return;
        icu = &icu_library();
        UErrorCode status = U_ZERO_ERROR;
        nfkc_cf = icu->nfkc_casefold_instance(&status);
        nfd = icu->nfd_instance(&status);
        nfc = icu->nfc_instance(&status);
        if (U_FAILURE(status)) {
            nfkc_cf = nullptr;
            throw FatalError(std::string("ICU normalizer unavailable: ") + icu->error_name(status));
        }
    }

    UBreakIterator* word_breaker() {
        if (!words) {
            UErrorCode status = U_ZERO_ERROR;
            words = icu->break_open(UBRK_WORD, "", nullptr, 0, &status);
            if (U_FAILURE(status)) {
                words = nullptr;
                throw FatalError(std::string("ICU word breaker unavailable: ") + icu->error_name(status));
            }
        }
        return words;
    }

    std::u16string normalized(const UNormalizer2* form, const std::u16string& text) {
        return with_buffer<char16_t>(*icu, "normalisation", text.size() * 2 + 16,
                                     [&](char16_t* dest, int32_t capacity, UErrorCode* status) {
                                         return icu->normalize(form, text.data(), static_cast<int32_t>(text.size()),
                                                               dest, capacity, status);
                                     });
    }

    // Full Unicode path: fold, strip Latin diacritics, separate CJK words.
    void fold_unicode(std::string_view text, std::string& out) {
        ensure_normalizers();
        std::string repaired;
        if (!utf8::is_valid(text)) {
            repaired = utf8::repair(text);
            text = repaired;
        }
        // UTF-16 never needs more units than UTF-8 has bytes.
        const std::u16string u = with_buffer<char16_t>(
            *icu, "UTF-8 decoding", text.size() + 1, [&](char16_t* dest, int32_t capacity, UErrorCode* status) {
                int32_t length = 0;
                icu->from_utf8(dest, capacity, &length, text.data(), static_cast<int32_t>(text.size()), status);
                return length;
            });
        const std::u16string decomposed = normalized(nfd, normalized(nfkc_cf, u));
        std::u16string stripped;
        stripped.reserve(decomposed.size());
        bool has_cjk = false;
        for (int32_t i = 0; i < static_cast<int32_t>(decomposed.size());) {
            UChar32 c;
            U16_NEXT(decomposed.data(), i, static_cast<int32_t>(decomposed.size()), c);
            if (is_foldable_mark(c)) continue;
            if (!has_cjk && needs_word_breaking(*icu, c)) has_cjk = true;
            append_code_point(stripped, c);
        }
        std::u16string result = normalized(nfc, stripped);
        if (has_cjk) result = separate_words(result);
        out += with_buffer<char>(*icu, "UTF-8 encoding", result.size() * 3 + 1,
                                 [&](char* dest, int32_t capacity, UErrorCode* status) {
                                     int32_t length = 0;
                                     icu->to_utf8(dest, capacity, &length, result.data(),
                                                  static_cast<int32_t>(result.size()), status);
                                     return length;
                                 });
    }

    static void append_code_point(std::u16string& out, UChar32 c) {
        if (U_IS_BMP(c)) {
            out.push_back(static_cast<char16_t>(c));
        } else {
            out.push_back(static_cast<char16_t>(U16_LEAD(c)));
            out.push_back(static_cast<char16_t>(U16_TRAIL(c)));
        }
    }

    static UChar32 code_point_at(const std::u16string& text, int32_t i) {
        UChar32 c;
        U16_GET(text.data(), 0, i, static_cast<int32_t>(text.size()), c);
        return c;
    }

    static UChar32 last_code_point(const std::u16string& text) {
        int32_t i = static_cast<int32_t>(text.size());
        UChar32 c;
        U16_PREV(text.data(), 0, i, c);
        return c;
    }

    // Inserts a space at each ICU word boundary that touches a character of a
    // script written without spaces.
    std::u16string separate_words(const std::u16string& text) {
        UBreakIterator* bi = word_breaker();
        UErrorCode status = U_ZERO_ERROR;
        icu->break_set_text(bi, text.data(), static_cast<int32_t>(text.size()), &status);
        if (U_FAILURE(status)) icu_failed(*icu, "word breaking", status);
        std::u16string out;
        int32_t start = icu->break_first(bi);
        for (int32_t end = icu->break_next(bi); end != UBRK_DONE; start = end, end = icu->break_next(bi)) {
            const bool cjk_here = needs_word_breaking(*icu, code_point_at(text, start));
            const bool cjk_before = !out.empty() && needs_word_breaking(*icu, last_code_point(out));
            if ((cjk_here || cjk_before) && !out.empty() && out.back() != u' ') out.push_back(u' ');
            out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
        }
        // The iterator must not keep pointing at `text` once it is gone.
        icu->break_set_text(bi, nullptr, 0, &status);
        return out;
    }
};

TextNormalizer::TextNormalizer() : impl_(new Impl) {}
TextNormalizer::~TextNormalizer() { delete impl_; }
TextNormalizer::TextNormalizer(TextNormalizer&& other) noexcept : impl_(other.impl_) { other.impl_ = nullptr; }
TextNormalizer& TextNormalizer::operator=(TextNormalizer&& other) noexcept {
    std::swap(impl_, other.impl_);
    return *this;
}

std::string TextNormalizer::normalize(std::string_view text) {
    std::string out;
    if (is_ascii(text)) append_ascii_lower(out, text);
    else impl_->fold_unicode(text, out);
    return out;
}

std::string TextNormalizer::normalize_query(std::string_view text) {
    // Fold word by word so that upper-case operators survive; operators are
    // ASCII words between non-letters.
    static constexpr std::string_view operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && text[j] >= 'A' && text[j] <= 'Z') ++j;
        if (j > i) {
            std::string_view word = text.substr(i, j - i);
            bool bounded_before = i == 0 || (!std::isalnum(static_cast<unsigned char>(text[i - 1])) &&
                                             static_cast<unsigned char>(text[i - 1]) < 0x80);
            bool bounded_after = j == text.size() || (!std::isalnum(static_cast<unsigned char>(text[j])) &&
                                                      static_cast<unsigned char>(text[j]) < 0x80);
            bool is_operator = false;
            for (auto op : operators) is_operator |= (word == op);
            // NEAR/5 and ADJ/3 take a distance after the slash.
            if (is_operator && bounded_before && bounded_after) {
                out.append(word);
                i = j;
                continue;
            }
        }
        // Copy (folded) up to the next possible operator start.
        std::size_t k = (j > i) ? j : i + 1;
        while (k < text.size() && !(text[k] >= 'A' && text[k] <= 'Z' &&
                                    !std::isalnum(static_cast<unsigned char>(text[k - 1])) &&
                                    static_cast<unsigned char>(text[k - 1]) < 0x80))
            ++k;
        out.append(normalize(text.substr(i, k - i)));
        i = k;
    }
    return out;
}

std::string fold_value(std::string_view text) {
    thread_local TextNormalizer normalizer;
    std::string folded = normalizer.normalize(text);
    std::string out;
    bool pending_space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

}  // namespace qadex
