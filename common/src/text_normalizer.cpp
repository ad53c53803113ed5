// ICU-based folding; see text_normalizer.hpp for what and why.
#include <qadex/text_normalizer.hpp>

#include <cctype>
#include <memory>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <qadex/error.hpp>
#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

namespace {

// Scripts whose words are not separated by spaces and need a dictionary break.
bool needs_word_breaking(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
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

}  // namespace

struct TextNormalizer::Impl {
    const icu::Normalizer2* nfkc_cf = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;
    std::unique_ptr<icu::BreakIterator> words;

    void ensure_normalizers() {
        if (nfkc_cf) return;
        UErrorCode status = U_ZERO_ERROR;
        nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
        nfd = icu::Normalizer2::getNFDInstance(status);
        nfc = icu::Normalizer2::getNFCInstance(status);
        if (U_FAILURE(status)) throw FatalError(std::string("ICU normalizer unavailable: ") + u_errorName(status));
    }

    icu::BreakIterator& word_breaker() {
        if (!words) {
            UErrorCode status = U_ZERO_ERROR;
            words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
            if (U_FAILURE(status)) throw FatalError(std::string("ICU word breaker unavailable: ") + u_errorName(status));
        }
        return *words;
    }

    // Full Unicode path: fold, strip Latin diacritics, separate CJK words.
    void fold_unicode(std::string_view text, std::string& out) {
        ensure_normalizers();
        UErrorCode status = U_ZERO_ERROR;
        std::string repaired;
        if (!utf8::is_valid(text)) {
            repaired = utf8::repair(text);
            text = repaired;
        }
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
        icu::UnicodeString folded = nfkc_cf->normalize(u, status);
        icu::UnicodeString decomposed = nfd->normalize(folded, status);
        icu::UnicodeString stripped;
        bool has_cjk = false;
        for (int32_t i = 0; i < decomposed.length();) {
            UChar32 c = decomposed.char32At(i);
            i += U16_LENGTH(c);
            if (is_foldable_mark(c)) continue;
            if (!has_cjk && needs_word_breaking(c)) has_cjk = true;
            stripped.append(c);
        }
        icu::UnicodeString result = nfc->normalize(stripped, status);
        if (U_FAILURE(status)) throw FatalError(std::string("ICU normalisation failed: ") + u_errorName(status));
        if (has_cjk) result = separate_words(result);
        result.toUTF8String(out);
    }

    // Inserts a space at each ICU word boundary that touches a character of a
    // script written without spaces.
    icu::UnicodeString separate_words(const icu::UnicodeString& text) {
        icu::BreakIterator& bi = word_breaker();
        bi.setText(text);
        icu::UnicodeString out;
        int32_t start = bi.first();
        for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
            bool cjk_here = needs_word_breaking(text.char32At(start));
            bool cjk_before = out.length() > 0 && needs_word_breaking(out.char32At(out.length() - 1));
            if ((cjk_here || cjk_before) && out.length() > 0 && out[out.length() - 1] != u' ') out.append(u' ');
            out.append(text, start, end - start);
        }
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
