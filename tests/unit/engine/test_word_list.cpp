// The English word list searched by halves agrees with a whole scan.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/word_list.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// The lower-case query form of a line, or "" when a query never asks for it.
std::string query_form(const std::string& line) {
    std::string out;
    for (char c : line) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

}  // namespace

TEST_CASE("A list in wamerican's order is searched by halves and finds what a scan finds", "[searcher][spelling]") {
    // Words in wamerican's order: bytes with apostrophes left out, upper case
    // first, an accented line placed apart, equal keys side by side.
    std::vector<std::string> words;
    for (char a = 'a'; a <= 'z'; ++a)
        for (char b = 'a'; b <= 'z'; ++b)
            for (const char* tail : {"ble", "dron", "mmet"}) words.push_back(std::string(1, a) + b + tail);
    std::vector<std::string> sorted = {"AIDS", "Aaron", "Bo's'n", "Bosn", "Paris", "Zürich"};
    for (const auto& w : words) {
        sorted.push_back(w);
        if (w.size() == 5) sorted.push_back(w + "'s");
    }
    sorted.push_back("it's");
    sorted.push_back("its");
    const auto key = [](std::string s) {
        s.erase(std::remove(s.begin(), s.end(), '\''), s.end());
        return s;
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&](const std::string& x, const std::string& y) {
        const bool ax = x.find("\xC3") == std::string::npos, ay = y.find("\xC3") == std::string::npos;
        if (!ax || !ay) return false;  // the accented line keeps its place
        return key(x) < key(y);
    });
    test::TempDir dir;
    test::write_file(dir / "sorted", joined(sorted));
    std::vector<std::string> shuffled = sorted;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
    test::write_file(dir / "shuffled", joined(shuffled));

    WordList by_halves, by_scan;
    REQUIRE(by_halves.load((dir / "sorted").string()));
    REQUIRE(by_scan.load((dir / "shuffled").string()));
    REQUIRE(joined(sorted).size() > 3 * 4096);  // large enough to be halved
    CHECK(by_halves.searched_by_halves());
    CHECK_FALSE(by_scan.searched_by_halves());

    std::vector<std::string> asked;
    for (const auto& line : sorted) asked.push_back(query_form(line));
    for (const char* absent : {"abl", "ablex", "zzzz", "aable's", "paris's", "bo'sn", "a", "zürichs", "it'", "ts"})
        asked.push_back(absent);
    for (const auto& word : asked) {
        INFO(word);
        CHECK(by_halves.contains(word) == by_scan.contains(word));
    }
    for (const char* present : {"aids", "aaron", "bosn", "bo's'n", "paris", "zürich", "its", "it's", "zyble's"}) {
        INFO(present);
        CHECK(by_halves.contains(present));
    }
}

TEST_CASE("Debian's wamerican is searched by halves and agrees with a scan", "[searcher][spelling]") {
    const std::filesystem::path path = "/usr/share/dict/american-english";
    if (!std::filesystem::exists(path)) {
        WARN("skipped: wamerican is not installed");
        return;
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> lines = lines_of(text.str());
    WordList by_halves;
    REQUIRE(by_halves.load(path.string()));
    CHECK(by_halves.searched_by_halves());
    // Every line is found; a scan of a shuffled copy agrees on a sample of
    // lines and of near misses (a scan costs 0.1-0.4 ms a word).
    std::size_t missing = 0;
    for (const auto& line : lines) {
        const std::string word = query_form(line);
        std::string capitalised = word, upper = word;
        capitalised[0] = line[0];
        for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        // Mixed case ("AstroTurf") and long upper-case lines are not words a query asks for.
        const bool asked = line == word || line == capitalised || (line == upper && word.size() <= 7);
        if (asked && !by_halves.contains(word)) {
            ++missing;
            UNSCOPED_INFO(line);
        }
    }
    CHECK(missing == 0);
    test::TempDir dir;
    std::vector<std::string> shuffled = lines;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(11));
    test::write_file(dir / "shuffled", joined(shuffled));
    WordList by_scan;
    REQUIRE(by_scan.load((dir / "shuffled").string()));
    REQUIRE_FALSE(by_scan.searched_by_halves());
    std::mt19937 pick(3);
    for (int k = 0; k < 400; ++k) {
        std::string word = query_form(lines[pick() % lines.size()]);
        if (k % 2) word[pick() % word.size()] = static_cast<char>('a' + pick() % 26);  // a near miss
        INFO(word);
        CHECK(by_halves.contains(word) == by_scan.contains(word));
    }
}

TEST_CASE("A hunspell dictionary's words are found up to their affix flags or morphology", "[searcher][spelling]") {
    test::TempDir dir;
    // A .dic file: a count first, then one word a line, some with "/FLAGS"
    // or a tab and more, the last without its newline.
    test::write_file(dir / "med.dic", "6\nAdvair/M\nchemo\nSpiriva\tpo:noun\nabetalipoproteinemia/S\nCOPD/SM\nzyvox");
    WordList medical;
    REQUIRE(medical.load((dir / "med.dic").string()));
    CHECK_FALSE(medical.searched_by_halves());
    for (const char* present : {"advair", "chemo", "spiriva", "abetalipoproteinemia", "copd", "zyvox"}) {
        INFO(present);
        CHECK(medical.contains(present));
    }
    for (const char* absent : {"advai", "dvair", "advairm", "m", "chem", "hemo", "po", "noun", "abetalipoproteinemias", "zyvo",
                               "s", "sm", "7"}) {
        INFO(absent);
        CHECK_FALSE(medical.contains(absent));
    }
}

TEST_CASE("Debian's hunspell-en-med knows drug names wamerican lacks, and not their misspellings", "[searcher][spelling]") {
    const std::filesystem::path path = "/usr/share/hunspell/en_med_glut.dic";
    if (!std::filesystem::exists(path)) {
        WARN("skipped: hunspell-en-med is not installed");
        return;
    }
    WordList medical;
    REQUIRE(medical.load(path.string()));
    for (const char* word : {"amoxicillin", "chemo", "humalog", "advair", "spiriva", "diarrhea", "abetalipoproteinemia"}) {
        INFO(word);
        CHECK(medical.contains(word));
    }
    for (const char* typo : {"amoxicilin", "diahrrea", "symtoms", "tuberchlosis", "abetalipoproteimemia"}) {
        INFO(typo);
        CHECK_FALSE(medical.contains(typo));
    }
}
