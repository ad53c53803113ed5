// Helpers shared by the test files: where the shared data lives, temporary
// directories, skipping, and running the real executables.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace qadex::test {

// Exit code that CTest reports as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
inline constexpr int skip_exit_code = 77;

// Catch2 v2 has no SKIP: each test runs in its own process under CTest, so a
// test whose data is absent ends that process with the skip code.
[[noreturn]] inline void skip(const std::string& reason) {
    std::fprintf(stdout, "SKIPPED: %s\n", reason.c_str());
    std::fflush(stdout);
    std::exit(skip_exit_code);
}

// ../shared beside the checkout (override with $QADEX_SHARED_DIR).
inline std::filesystem::path shared_dir() {
    if (const char* env = std::getenv("QADEX_SHARED_DIR"); env && *env) return env;
    return QADEX_SHARED_DIR;
}

// The repository's own source tree (corpus/, tests/fixtures/).
inline std::filesystem::path source_dir() { return QADEX_SOURCE_DIR; }
inline std::filesystem::path fixtures_dir() { return source_dir() / "tests" / "fixtures"; }

// A fresh directory removed when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// Result of running a real executable to completion.
struct ProcessResult {
    int exit_code = -1;  // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

// Runs `argv` (argv[0] a path) with optional stdin text and extra
// environment entries ("NAME=value"), capturing stdout and stderr.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text = {},
                          const std::vector<std::string>& extra_env = {});

// Starts `argv` in the background with stdout and stderr sent to files;
// returns its pid. wait_process() returns its exit code (128 + signal).
int start_process(const std::vector<std::string>& argv, const std::filesystem::path& out,
                  const std::filesystem::path& err);
int wait_process(int pid);

// As start_process(), with standard input a pipe: its write end is returned
// in `stdin_fd` for the caller to write to and close.
int start_process_piped(const std::vector<std::string>& argv, const std::filesystem::path& out,
                        const std::filesystem::path& err, int& stdin_fd);

// Creates (or opens) the database at `path` and stamps it with another
// schema version, as a database from an incompatible qadex would be.
void set_schema_version(const std::string& path, const std::string& version);

// Paths of the built tools, passed in by CMake. $QADEX_INDEX_TOOL runs the
// tests against another qadex-index (e.g. main's, to see a new test fail).
inline std::string index_tool() {
    if (const char* tool = std::getenv("QADEX_INDEX_TOOL"); tool && *tool) return tool;
    return QADEX_INDEX_TOOL;
}
inline std::string search_tool() { return QADEX_SEARCH_TOOL; }
inline std::string cgi_tool() { return QADEX_CGI_TOOL; }

}  // namespace qadex::test

#define QADEX_SKIP(reason) ::qadex::test::skip(reason)
