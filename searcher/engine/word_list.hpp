// A list of real English words (Debian's wamerican), so that spelling
// correction can tell a word the index lacks ("warehouse") from a
// misspelling ("diahrrea"): only the latter is replaced.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace qadex {

// Where the word list is read from: $QADEX_DICTIONARY when set, else
// Debian's /usr/share/dict/american-english (package wamerican).
std::string word_list_path();

// Where the medical word list is read from: $QADEX_MEDICAL_DICTIONARY when
// set, else Debian's /usr/share/hunspell/en_med_glut.dic (package
// hunspell-en-med: 90,000 terms, drug and brand names among them, which
// wamerican lacks: "amoxicillin" was "corrected" to "ampicillin").
std::string medical_word_list_path();

// One word a line, as wamerican writes it: lower case, Capitalised or
// upper case (mixed-case lines such as "AstroTurf", 0.5%, are not matched);
// a line may go on after its word as hunspell's .dic lines do ("Advair/M").
// The file is mapped, not read: opening costs microseconds, which suits a
// process that looks up a word or two and exits. A list in wamerican's order
// (bytes, apostrophes left out, accented lines anywhere) is searched by
// halves, touching a few pages; any other is scanned whole (0.1-0.4 ms and
// every page of its 1 MB a lookup).
class WordList {
public:
    // False, and empty, when the file cannot be opened or is empty.
    bool load(const std::string& path);
    bool loaded() const { return static_cast<bool>(map_); }
    // `word` (lower case) is a line of the list in one of the three casings.
    bool contains(std::string_view word) const;
    // The list is in wamerican's order, so lookups search it by halves.
    bool searched_by_halves() const { return sorted_; }

private:
    bool looks_sorted() const;
    // One exact line, searched by halves (sorted_ only, ASCII forms).
    bool has_line(std::string_view form) const;
    // The whole text, for lists in another order and accented words.
    bool scan_for(std::string_view word, bool acronym) const;

    struct Mapping;
    std::shared_ptr<const Mapping> map_;
    bool sorted_ = false;
};

}  // namespace qadex
