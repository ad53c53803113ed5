// The English word list (see word_list.hpp).
#include "engine/word_list.hpp"

#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qadex {

struct WordList::Mapping {
    const char* data = nullptr;
    std::size_t size = 0;
    Mapping(const char* d, std::size_t s) : data(d), size(s) {}
    ~Mapping() { ::munmap(const_cast<char*>(data), size); }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
};

std::string word_list_path() {
    if (const char* env = std::getenv("QADEX_DICTIONARY"); env && *env) return env;
    return "/usr/share/dict/american-english";
}

bool WordList::load(const std::string& path) {
    map_.reset();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    void* data = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) return false;
    map_ = std::make_shared<const Mapping>(static_cast<const char*>(data), static_cast<std::size_t>(st.st_size));
    return true;
}

bool WordList::contains(std::string_view word) const {
    if (!map_ || word.empty() || word.find('\n') != std::string_view::npos) return false;
    const char* const text = map_->data;
    const std::size_t size = map_->size;
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    // The lines are sorted by a locale's rules, not by bytes (no binary
    // search without sorting 100,000 lines first): the text is searched.
    // One pass finds the word in lower case and Capitalised (a name): its
    // rest and end of line, preceded by either form of its first letter at
    // the start of a line.
    const std::string rest = std::string(word.substr(1)) + "\n";
    const char first = word[0], first_upper = upper(word[0]);
    // A last line without its "\n" is compared on its own.
    if (text[size - 1] != '\n') {
        const char* last = text + size;
        while (last > text && last[-1] != '\n') --last;
        const std::string_view line(last, static_cast<std::size_t>(text + size - last));
        if (line.size() == word.size()) {
            bool lower = true, capital = true, all_upper = true;
            for (std::size_t i = 0; i < word.size(); ++i) {
                lower = lower && line[i] == word[i];
                capital = capital && line[i] == (i == 0 ? upper(word[i]) : word[i]);
                all_upper = all_upper && line[i] == upper(word[i]);
            }
            if (lower || capital || all_upper) return true;
        }
    }
    for (const char* from = text; from < text + size;) {
        const auto* hit = static_cast<const char*>(::memmem(from, static_cast<std::size_t>(text + size - from),
                                                            rest.data(), rest.size()));
        if (!hit) break;
        if (hit > text && (hit[-1] == first || hit[-1] == first_upper) && (hit - 1 == text || hit[-2] == '\n'))
            return true;
        from = hit + 1;
    }
    // An acronym ("AIDS", "NASA"): wamerican's upper-case lines are at most 7 letters.
    if (word.size() > 7) return false;
    std::string line = "\n";
    for (char c : word) line += upper(c);
    line += '\n';
    if (size >= line.size() - 1 && std::memcmp(text, line.data() + 1, line.size() - 1) == 0) return true;
    return ::memmem(text, size, line.data(), line.size()) != nullptr;
}

}  // namespace qadex
