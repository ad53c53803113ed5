// Synonyms file reading (see synonyms_file.hpp).
#include "synonyms_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

#include <qadex/input_files.hpp>

#include <qadex/text_normalizer.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

std::vector<std::vector<std::string>> read_synonyms_file(const std::string& path, std::vector<InputError>& problems) {
    // A FIFO would block the open, /dev/zero never end (input_files.hpp).
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        throw InputError(path, 0, "cannot read synonyms file: " + not_regular_file_reason(st.st_mode));
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, std::string("cannot read synonyms file: ") + std::strerror(errno));
    std::vector<std::vector<std::string>> groups;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (!utf8::is_valid(line)) {
            problems.emplace_back(path, line_no, "not valid UTF-8");
            continue;
        }
        std::vector<std::string> group;
        std::size_t start = 0;
        while (start <= line.size()) {
            std::size_t comma = line.find(',', start);
            std::string term = fold_value(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (!term.empty()) group.push_back(std::move(term));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        if (group.size() < 2) {
            problems.emplace_back(path, line_no, "a synonym group needs at least two terms separated by commas");
            continue;
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

}  // namespace qadex
