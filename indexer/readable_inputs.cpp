// Input checks before a run opens its database (see readable_inputs.hpp).
#include "readable_inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <qadex/record_reader.hpp>

namespace qadex {

std::vector<InputError> why_no_input_is_readable(const std::vector<InputFile>& inputs) {
    std::vector<InputError> reasons;
    for (const InputFile& input : inputs) {
        if (input.path.empty()) {
            if (::fcntl(STDIN_FILENO, F_GETFD) != -1) return {};
            reasons.emplace_back(input.display_name, 0, "cannot read: standard input is closed");
            continue;
        }
        try {
            RecordReader opened(input);  // the reader's own checks: never blocks on a FIFO
            return {};
        } catch (const InputError& e) {
            reasons.push_back(e);
        }
    }
    return reasons;
}

bool reads_a_stream(const std::vector<InputFile>& inputs) {
    for (const InputFile& input : inputs) {
        struct stat st {};
        if (input.path.empty() && ::fstat(STDIN_FILENO, &st) == 0 && !S_ISREG(st.st_mode)) return true;
    }
    return false;
}

}  // namespace qadex
