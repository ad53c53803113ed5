// Splitting a question into words and sentences (see question_text.hpp).
#include "question_text.hpp"

#include <xapian.h>

#include <qadex/text_normalizer.hpp>

namespace qadex {

namespace {

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }
bool is_sentence_end(unsigned ch) { return ch == '.' || ch == '!' || ch == '?'; }

// The query parser reads U+2019 as an apostrophe; so must the stop list.
std::string with_plain_apostrophes(const std::string& word) {
    if (word.find("\u2019") == std::string::npos) return word;
    std::string plain;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (word.compare(i, 3, "\u2019") == 0) {
            plain += '\'';
            i += 2;
        } else {
            plain += word[i];
        }
    }
    return plain;
}

// Splits normalised text at spaces: the normaliser separates the words of
// scripts written without spaces.
void add_words(const std::string& normalised, QuestionToken token, std::vector<QuestionToken>& out) {
    std::size_t i = 0;
    while (i < normalised.size()) {
        std::size_t j = normalised.find(' ', i);
        if (j == std::string::npos) j = normalised.size();
        if (j > i) {
            token.word = normalised.substr(i, j - i);
            out.push_back(token);
            token.sentence_start = false;
        }
        i = j + 1;
    }
}

}  // namespace

QuestionText split_question(std::string_view utf8) {
    QuestionText text;
    TextNormalizer normalizer;
    std::size_t sentence = 0, position = 0, shouted = 0;
    bool sentence_open = false;  // the current sentence has a word
    Xapian::Utf8Iterator it(utf8.data(), utf8.size()), end;
    while (it != end) {
        const unsigned ch = *it;
        if (!Xapian::Unicode::is_wordchar(ch)) {
            ++it;
            const bool boundary = ch == '\n' || (is_sentence_end(ch) && (it == end || !Xapian::Unicode::is_wordchar(*it)));
            if (boundary && sentence_open) {
                text.asking.push_back(ch == '?');
                ++sentence;
                sentence_open = false;
            } else if (ch == '?' && !text.asking.empty() && !sentence_open) {
                text.asking.back() = true;  // "...really??" or "... ?" after the sentence closed
            }
            continue;
        }
        // A word: word characters, and apostrophes between two of them.
        const char* start = it.raw();
        std::size_t letters = 0, upper = 0;
        bool first_upper = false;
        while (it != end) {
            unsigned c = *it;
            if (Xapian::Unicode::is_wordchar(c)) {
                if (Xapian::Unicode::tolower(c) != c) {
                    if (letters == 0) first_upper = true;
                    ++upper;
                }
                if (Xapian::Unicode::toupper(c) != c || Xapian::Unicode::tolower(c) != c) ++letters;
                ++it;
                continue;
            }
            Xapian::Utf8Iterator next = it;
            ++next;
            if (is_apostrophe(c) && next != end && Xapian::Unicode::is_wordchar(*next)) {
                it = next;
                continue;
            }
            break;
        }
        const std::string_view raw(start, static_cast<std::size_t>(it.raw() - start));
        QuestionToken token;
        token.position = position++;
        token.sentence = sentence;
        token.sentence_start = !sentence_open;
        token.capitalised = first_upper;
        token.all_caps = letters >= 2 && upper == letters;
        if (token.all_caps) ++shouted;
        add_words(with_plain_apostrophes(normalizer.normalize(raw)), token, text.tokens);
        sentence_open = true;
    }
    if (sentence_open) text.asking.push_back(false);
    text.shouting = position > 0 && 2 * shouted > position;
    return text;
}

}  // namespace qadex
