// Input discovery (see input_files.hpp).
#include <qadex/input_files.hpp>

#include <algorithm>
#include <cstring>
#include <sys/stat.h>
#include <system_error>

#include <qadex/page_parser.hpp>
#include <qadex/strings.hpp>

namespace qadex {

namespace fs = std::filesystem;

namespace {

std::string error_text(const std::error_code& ec) { return ec.message(); }

std::string not_regular_reason(fs::file_type type) {
    const char* kind = "not a file";
    switch (type) {
        case fs::file_type::fifo: kind = "a FIFO"; break;
        case fs::file_type::character: kind = "a character device"; break;
        case fs::file_type::block: kind = "a block device"; break;
        case fs::file_type::socket: kind = "a socket"; break;
        case fs::file_type::directory: kind = "a directory"; break;
        default: break;
    }
    return std::string("not a regular file (") + kind + ")";
}

void add_file(const fs::path& path, const fs::path& root, std::vector<InputFile>& out) {
    auto format = format_of(path);
    if (!format) return;
    InputFile f{path, path.string(), *format, {}};
    if (*format != InputFormat::jsonl) {
        fs::path rel = root.empty() ? path.filename() : path.lexically_relative(root);
        f.default_id = page_id_from_path(rel.generic_string());
    }
    out.push_back(std::move(f));
}

// Collects the input files under `dir`, one directory level per call. Not
// std::filesystem::recursive_directory_iterator: it ends the whole walk,
// silently, at the first subdirectory it cannot open; here an unreadable
// directory is reported and its siblings are still read.
void collect_files(const fs::path& dir, std::vector<fs::path>& files, std::vector<InputError>& problems) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        problems.emplace_back(dir.string(), 0, "cannot read directory: " + error_text(ec));
        return;
    }
    std::vector<fs::path> subdirs;
    for (fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            problems.emplace_back(dir.string(), 0, "cannot read directory: " + error_text(ec));
            break;
        }
        std::error_code type_ec;
        if (it->is_symlink(type_ec)) {
            // Links to files are taken, links to directories are not
            // followed (no loops); a link loop or a dangling link with an
            // input's name is reported, not silently dropped.
            if (!format_of(it->path())) continue;
            const fs::file_status target = it->status(type_ec);
            if (type_ec || target.type() == fs::file_type::not_found)
                problems.emplace_back(it->path().string(), 0, "cannot read: " +
                                      (type_ec ? error_text(type_ec) : std::string("symbolic link to nothing")));
            else if (fs::is_regular_file(target)) files.push_back(it->path());
            else if (!fs::is_directory(target)) problems.emplace_back(it->path().string(), 0, not_regular_reason(target.type()));
        } else if (it->is_directory(type_ec)) {
            subdirs.push_back(it->path());
        } else if (format_of(it->path())) {
            // A FIFO or device with an input's name is named, not read (nor silently dropped).
            const fs::file_status st = it->status(type_ec);
            if (type_ec) problems.emplace_back(it->path().string(), 0, "cannot read: " + error_text(type_ec));
            else if (fs::is_regular_file(st)) files.push_back(it->path());
            else problems.emplace_back(it->path().string(), 0, not_regular_reason(st.type()));
        }
    }
    std::sort(subdirs.begin(), subdirs.end());
    for (const auto& sub : subdirs) collect_files(sub, files, problems);
}

void walk_directory(const fs::path& dir, std::vector<InputFile>& out, std::vector<InputError>& problems) {
    std::vector<fs::path> files;
    collect_files(dir, files, problems);
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add_file(f, dir, out);
}

}  // namespace

std::string not_regular_file_reason(unsigned mode) {
    if (S_ISREG(mode)) return {};
    fs::file_type type = fs::file_type::unknown;
    if (S_ISFIFO(mode)) type = fs::file_type::fifo;
    else if (S_ISCHR(mode)) type = fs::file_type::character;
    else if (S_ISBLK(mode)) type = fs::file_type::block;
    else if (S_ISSOCK(mode)) type = fs::file_type::socket;
    else if (S_ISDIR(mode)) type = fs::file_type::directory;
    return not_regular_reason(type);
}

std::optional<InputFormat> format_of(const fs::path& path) {
    const std::string name = ascii_lower(path.filename().string());
    for (auto ext : {".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"})
        if (name.ends_with(ext)) return InputFormat::jsonl;
    if (name.ends_with(".txt")) return InputFormat::page;
    if (name.ends_with(".html") || name.ends_with(".htm")) return InputFormat::html_page;
    return std::nullopt;
}

std::vector<InputFile> discover_inputs(const std::vector<std::string>& arguments, std::vector<InputError>& problems) {
    std::vector<InputFile> inputs;
    for (const auto& arg : arguments) {
        if (arg == "-") {
            inputs.push_back({{}, "<stdin>", InputFormat::jsonl, {}});
            continue;
        }
        fs::path path(arg);
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            problems.emplace_back(arg, 0, ec && ec != std::errc::no_such_file_or_directory
                                              ? "cannot read: " + error_text(ec)
                                              : "no such file or directory");
        } else if (fs::is_directory(status)) {
            walk_directory(path, inputs, problems);
        } else if (!fs::is_regular_file(status)) {
            problems.emplace_back(arg, 0, not_regular_reason(status.type()));
        } else if (!format_of(path)) {
            problems.emplace_back(arg, 0, "unknown input type (expected .jsonl, .jsonl.gz, .ndjson, .txt, .html or .htm)");
        } else {
            add_file(path, {}, inputs);
        }
    }
    return inputs;
}

}  // namespace qadex
