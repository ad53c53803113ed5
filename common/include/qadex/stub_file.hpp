// Xapian's stub database format: a text file listing the databases to search
// as one, a line each ("auto PATH", "glass PATH", "remote HOST:PORT",
// "remote :PROGRAM ARGS", "inmemory"; '#' starts a comment line). qadex reads
// stubs itself so that it can open remote shards with its own timeouts
// (Xapian's reader always uses its 10 s default) and name a shard that fails.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <qadex/error.hpp>

namespace qadex {

struct StubEntry {
    enum class Kind { local, remote_tcp, remote_program, inmemory } kind = Kind::local;
    std::size_t line = 0;       // 1-based, for messages
    std::string backend;        // "auto" or "glass" (local)
    std::string path;           // local: resolved against the stub's directory
    std::string host;           // remote_tcp
    unsigned port = 0;          // remote_tcp
    std::string program, args;  // remote_program
    std::string describe() const;  // "remote 10.0.0.2:33333", "auto /srv/idx/shard-0"
};

// The stub file of `path`: `path` itself when it is a stub file, PATH/XAPIANDB
// for a stub directory; empty when `path` is a plain database (or missing).
std::filesystem::path stub_file_of(const std::filesystem::path& path);

// Whether `path` is a stub file itself (not a stub directory): a text file
// that reads as a stub and lists at least one database. Any other text file
// is just a file, not "a stub file".
bool is_stub_file(const std::filesystem::path& path);

// Reads a stub file. Throws FatalError("FILE:LINE: reason") for a line Xapian
// would refuse, or when the file cannot be read.
std::vector<StubEntry> read_stub_file(const std::filesystem::path& file);

// Writes `lines` (e.g. "auto shard-0") as a stub file, atomically: a reader
// sees the old file or the new one, never half of it.
void write_stub_file(const std::filesystem::path& file, const std::vector<std::string>& lines,
                     const std::string& comment);

}  // namespace qadex
