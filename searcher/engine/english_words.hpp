// A plain English word list (Debian's wamerican). A word missing from it is
// likely a medical, drug or misspelt word: one clue of the key-term model.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace qadex {

class EnglishWords {
public:
    static constexpr const char* default_path = "/usr/share/dict/american-english";

    // Reads one word a line; throws InputError naming the file when it cannot.
    explicit EnglishWords(const std::string& path = default_path);

    // `word` as normalised (lower case); a possessive "'s" is ignored.
    bool contains(std::string_view word) const;

private:
    std::unordered_set<std::string> words_;  // lower case, possessives left out
};

}  // namespace qadex
