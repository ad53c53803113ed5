// The English word list (see word_list.hpp).
#include "engine/word_list.hpp"

#include <algorithm>
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

namespace {

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// wamerican's order for its ASCII lines: bytes, apostrophes left out
// ("AC's" sorts after "ACTH's"). Its 256 accented lines stand elsewhere and
// are skipped by the search.
int compare_keys(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    for (;;) {
        while (i < a.size() && a[i] == '\'') ++i;
        while (j < b.size() && b[j] == '\'') ++j;
        if (i == a.size() || j == b.size()) return (i == a.size() ? 0 : 1) - (j == b.size() ? 0 : 1);
        const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[j]);
        if (x != y) return x < y ? -1 : 1;
        ++i, ++j;
    }
}

// The lines of the mapped text, each without its "\n".
struct Lines {
    const char* text;
    const char* end;
    // The start of the first line that begins at or after p.
    const char* start_at_or_after(const char* p) const {
        if (p <= text) return text;
        const void* nl = std::memchr(p - 1, '\n', static_cast<std::size_t>(end - (p - 1)));
        return nl ? static_cast<const char*>(nl) + 1 : end;
    }
    std::string_view line(const char* start) const {
        const void* nl = std::memchr(start, '\n', static_cast<std::size_t>(end - start));
        return {start, static_cast<std::size_t>((nl ? static_cast<const char*>(nl) : end) - start)};
    }
    // The start of the line before the one that starts at `start` (> text).
    const char* previous(const char* start) const {
        const char* p = start - 1;  // its "\n"
        while (p > text && p[-1] != '\n') --p;
        return p;
    }
    const char* next(const char* start) const {
        const std::string_view l = line(start);
        return std::min(end, l.data() + l.size() + 1);
    }
};

}  // namespace

std::string word_list_path() {
    if (const char* env = std::getenv("QADEX_DICTIONARY"); env && *env) return env;
    return "/usr/share/dict/american-english";
}

std::string medical_word_list_path() {
    if (const char* env = std::getenv("QADEX_MEDICAL_DICTIONARY"); env && *env) return env;
    return "/usr/share/hunspell/en_med_glut.dic";
}

bool WordList::load(const std::string& path) {
    map_.reset();
    sorted_ = false;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    void* data = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) return false;
    map_ = std::make_shared<const Mapping>(static_cast<const char*>(data), static_cast<std::size_t>(st.st_size));
    sorted_ = looks_sorted();
    return true;
}

bool WordList::looks_sorted() const {
    // A sample of lines across the file in wamerican's order lets lookups
    // search by halves; any other list is scanned (correct, 0.1-0.4 ms).
    // A sample cannot prove the order, so a list of one's own
    // ($QADEX_DICTIONARY) should be sorted as wamerican is.
    const Lines lines{map_->data, map_->data + map_->size};
    constexpr int samples = 32;
    std::string_view previous;
    for (int k = 0; k <= samples; ++k) {
        const char* at = lines.start_at_or_after(lines.text + map_->size * static_cast<std::size_t>(k) / samples);
        if (at == lines.end) break;
        const std::string_view current = lines.line(at);
        const std::string_view following = lines.line(lines.next(at));
        for (const std::string_view l : {current, following}) {
            if (l.empty() || !ascii(l)) continue;
            if (l.find_first_of("/\t") != std::string_view::npos) return false;  // hunspell's: scanned
            if (!previous.empty() && compare_keys(previous, l) > 0) return false;
            previous = l;
        }
    }
    return true;
}

bool WordList::contains(std::string_view word) const {
    if (!map_ || word.empty() || word.find('\n') != std::string_view::npos) return false;
    std::string capitalised(word), all_upper(word);
    capitalised[0] = upper(capitalised[0]);
    for (char& c : all_upper) c = upper(c);
    // An acronym ("AIDS", "NASA"): wamerican's upper-case lines are at most 7 letters.
    const bool acronym = word.size() <= 7;
    if (!sorted_ || !ascii(word)) return scan_for(word, acronym);
    return has_line(word) || has_line(capitalised) || (acronym && has_line(all_upper));
}

bool WordList::has_line(std::string_view form) const {
    const Lines lines{map_->data, map_->data + map_->size};
    // Lines starting in [lo, hi) hold every line whose key equals form's.
    const char* lo = lines.text;
    const char* hi = lines.end;
    while (hi - lo > 4096) {
        const char* mid = lo + (hi - lo) / 2;
        const char* at = lines.start_at_or_after(mid);
        while (at < hi && !ascii(lines.line(at))) at = lines.next(at);
        if (at >= hi) {
            hi = mid;
            continue;
        }
        const int order = compare_keys(lines.line(at), form);
        if (order < 0) {
            lo = lines.next(at);
        } else if (order > 0) {
            hi = at;
        } else {
            // Lines of equal key ("its", "it's") stand together, around `at`.
            const auto same_key = [&](const char* start) {
                const std::string_view l = lines.line(start);
                return !ascii(l) || compare_keys(l, form) == 0;
            };
            lo = at;
            while (lo > lines.text && same_key(lines.previous(lo))) lo = lines.previous(lo);
            hi = lines.next(at);
            while (hi < lines.end && same_key(hi)) hi = lines.next(hi);
            break;
        }
    }
    for (const char* at = lo; at < hi && at < lines.end; at = lines.next(at))
        if (lines.line(at) == form) return true;
    return false;
}

bool WordList::scan_for(std::string_view word, bool acronym) const {
    const char* const text = map_->data;
    const char* const end = text + map_->size;
    const auto line_start = [&](const char* p) { return p == text || p[-1] == '\n'; };
    // A hunspell .dic line goes on after its word: "/" and affix flags
    // ("Advair/M"), or a tab and morphology.
    const auto line_end = [&](const char* p) { return p == end || *p == '\n' || *p == '/' || *p == '\t'; };
    // Whether a line is `form` with its first byte one of `first`, `other`.
    const auto has_form = [&](std::string_view form, char first, char other) {
        const std::string_view rest = form.substr(1);
        for (const char* from = text + 1; from <= end;) {
            const char* hit = rest.empty() ? from
                                           : static_cast<const char*>(::memmem(from, static_cast<std::size_t>(end - from),
                                                                               rest.data(), rest.size()));
            if (!hit || hit > end) return false;
            if ((hit[-1] == first || hit[-1] == other) && line_start(hit - 1) && line_end(hit + rest.size()))
                return true;
            from = hit + 1;
        }
        return false;
    };
    // One pass finds the word in lower case and Capitalised (a name).
    if (has_form(word, word[0], upper(word[0]))) return true;
    if (!acronym || word.size() < 2) return false;
    std::string all_upper(word);
    for (char& c : all_upper) c = upper(c);
    return has_form(all_upper, all_upper[0], all_upper[0]);
}

}  // namespace qadex
