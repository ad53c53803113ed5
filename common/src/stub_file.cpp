// Reading and writing Xapian stub database files (see stub_file.hpp).
#include <qadex/stub_file.hpp>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace qadex {

namespace fs = std::filesystem;

namespace {

// A stub is text; a single-file glass database (also a regular file) is
// binary and always holds NUL bytes near its start.
bool looks_like_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char buffer[4096];
    in.read(buffer, sizeof buffer);
    return std::string_view(buffer, static_cast<std::size_t>(in.gcount())).find('\0') == std::string_view::npos;
}

FatalError bad_line(const fs::path& file, std::size_t line, const std::string& reason) {
    return FatalError(file.string() + ":" + std::to_string(line) + ": " + reason);
}

}  // namespace

std::string StubEntry::describe() const {
    switch (kind) {
        case Kind::remote_tcp: return "remote " + host + ":" + std::to_string(port);
        case Kind::remote_program: return "remote :" + program + (args.empty() ? "" : " " + args);
        case Kind::inmemory: return "inmemory";
        case Kind::local: break;
    }
    return backend + " " + path;
}

fs::path stub_file_of(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        // Xapian's "stub directory": a directory holding XAPIANDB and no database of its own.
        if (fs::exists(path / "iamglass", ec)) return {};
        fs::path inner = path / "XAPIANDB";
        return fs::is_regular_file(inner, ec) ? inner : fs::path();
    }
    if (fs::is_regular_file(path, ec) && looks_like_text(path)) return path;
    return {};
}

bool is_stub_file(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec) || stub_file_of(path).empty()) return false;
    try {
        return !read_stub_file(path).empty();
    } catch (const FatalError&) {
        return false;
    }
}

std::vector<StubEntry> read_stub_file(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw FatalError("cannot read stub database file '" + file.string() + "'");
    std::vector<StubEntry> entries;
    std::string text;
    std::size_t number = 0;
    while (std::getline(in, text)) {
        ++number;
        if (text.empty() || text[0] == '#') continue;  // as Xapian: no trimming, '#' only in column 1
        StubEntry e;
        e.line = number;
        const auto space = text.find(' ');
        const std::string type = text.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : text.substr(space + 1);
        if ((type == "auto" || type == "glass") && !rest.empty()) {
            e.kind = StubEntry::Kind::local;
            e.backend = type;
            fs::path p(rest);
            e.path = (p.is_relative() ? file.parent_path() / p : p).lexically_normal().string();
        } else if (type == "remote" && rest.size() > 1 && rest[0] == ':') {
            e.kind = StubEntry::Kind::remote_program;
            const auto gap = rest.find(' ');
            e.program = rest.substr(1, gap == std::string::npos ? std::string::npos : gap - 1);
            if (gap != std::string::npos) e.args = rest.substr(gap + 1);
        } else if (type == "remote" && rest.rfind(':') != std::string::npos) {
            const auto colon = rest.rfind(':');
            std::string host = rest.substr(0, colon);
            const char* first = rest.data() + colon + 1;
            const char* last = rest.data() + rest.size();
            auto [end, ec] = std::from_chars(first, last, e.port);
            if (ec != std::errc() || end != last || first == last || e.port == 0 || e.port > 65535)
                throw bad_line(file, number, "bad port in '" + text + "' (expected remote HOST:PORT)");
            if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            if (host.empty()) throw bad_line(file, number, "no host in '" + text + "' (expected remote HOST:PORT)");
            e.kind = StubEntry::Kind::remote_tcp;
            e.host = host;
        } else if (type == "inmemory" && rest.empty()) {
            e.kind = StubEntry::Kind::inmemory;
        } else {
            throw bad_line(file, number,
                           "not a stub database line (expected 'auto PATH', 'glass PATH' or 'remote HOST:PORT')");
        }
        entries.push_back(std::move(e));
    }
    if (in.bad()) throw FatalError("cannot read stub database file '" + file.string() + "'");
    return entries;
}

void write_stub_file(const fs::path& file, const std::vector<std::string>& lines, const std::string& comment) {
    std::ostringstream text;
    std::istringstream comment_lines(comment);
    for (std::string c; std::getline(comment_lines, c);) text << "# " << c << '\n';
    for (const auto& line : lines) text << line << '\n';
    const fs::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << text.str();
        out.flush();
        if (!out)
            throw FatalError("cannot write stub database file '" + temporary.string() + "': " + std::strerror(errno));
    }
    fs::rename(temporary, file);
}

}  // namespace qadex
