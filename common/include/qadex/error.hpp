// Error types thrown by qadex library code. Messages are complete sentences
// naming the file, line or parameter at fault, ready to print after a prefix.
#pragma once

#include <stdexcept>
#include <string>

namespace qadex {

// Base of every qadex error.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One bad input record or file: the caller reports it, counts it and goes on.
// what() reads "FILE:LINE: reason" (or "FILE: reason" when no line applies).
class InputError : public Error {
public:
    InputError(std::string file, std::size_t line, const std::string& reason)
        : Error(format(file, line, reason)), file_(std::move(file)), line_(line), reason_(reason) {}

    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }  // 0 when the whole file is at fault
    const std::string& reason() const noexcept { return reason_; }

private:
    static std::string format(const std::string& file, std::size_t line, const std::string& reason) {
        return line == 0 ? file + ": " + reason : file + ":" + std::to_string(line) + ": " + reason;
    }
    std::string file_;
    std::size_t line_;
    std::string reason_;
};

// Nothing sensible can continue (unusable database, unwritable output).
class FatalError : public Error {
public:
    using Error::Error;
};

}  // namespace qadex
