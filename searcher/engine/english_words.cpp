// The English word list (see english_words.hpp).
#include "english_words.hpp"

#include <fstream>

#include <qadex/error.hpp>

namespace qadex {

EnglishWords::EnglishWords(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "cannot read the English word list (Debian package wamerican)");
    words_.reserve(110000);
    for (std::string line; std::getline(in, line);) {
        if (line.ends_with("'s")) continue;  // the list spells every possessive out
        for (char& c : line)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (!line.empty()) words_.insert(std::move(line));
    }
    if (words_.empty()) throw InputError(path, 0, "the English word list is empty");
}

bool EnglishWords::contains(std::string_view word) const {
    if (word.ends_with("'s")) word.remove_suffix(2);
    return words_.count(std::string(word)) > 0;
}

}  // namespace qadex
