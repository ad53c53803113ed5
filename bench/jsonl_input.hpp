// What the C++ benchmark tools share: reading JSON Lines (gzip or plain) the
// same simple way, without any qadex code, so each stays a self-contained peer.
#pragma once

#include <zlib.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace bench {

// Reads a gzip (or plain, zlib passes it through) file line by line.
class GzLineReader {
public:
    explicit GzLineReader(const std::string& path) : file_(gzopen(path.c_str(), "rb")) {
        if (file_ == nullptr) throw std::runtime_error("cannot open '" + path + "'");
        gzbuffer(file_, 1 << 17);  // fewer read() calls than the 8 KiB default
    }
    ~GzLineReader() { gzclose(file_); }
    GzLineReader(const GzLineReader&) = delete;
    GzLineReader& operator=(const GzLineReader&) = delete;

    // Reads the next line without its newline; false at end of file.
    // A line may be longer than the buffer: gzgets is called until it ends in '\n'.
    bool next(std::string& line) {
        line.clear();
        char buf[1 << 16];
        while (gzgets(file_, buf, sizeof buf) != nullptr) {
            line += buf;
            if (!line.empty() && line.back() == '\n') {
                line.pop_back();
                return true;
            }
        }
        int err = 0;
        const char* msg = gzerror(file_, &err);
        if (err != Z_OK && err != Z_STREAM_END) throw std::runtime_error(std::string("gzip: ") + msg);
        return !line.empty();  // last line without a newline
    }

private:
    gzFile file_;
};

// Returns field `key` of `obj` if it is a string, else "".
inline std::string string_field(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace bench
