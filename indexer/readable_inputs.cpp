// Input checks before a run opens its database (see readable_inputs.hpp).
#include "readable_inputs.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qadex {

std::vector<InputError> why_no_input_is_readable(const std::vector<InputFile>& inputs) {
    std::vector<InputError> reasons;
    for (const InputFile& input : inputs) {
        if (input.path.empty()) {
            if (::fcntl(STDIN_FILENO, F_GETFD) != -1) return {};
            reasons.emplace_back(input.display_name, 0, "cannot read: standard input is closed");
            continue;
        }
        const int fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::close(fd);
            return {};
        }
        reasons.emplace_back(input.display_name, 0, std::string("cannot open: ") + std::strerror(errno));
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
