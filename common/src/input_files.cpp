// Input discovery (see input_files.hpp).
#include <qadex/input_files.hpp>

#include <algorithm>
#include <cstring>
#include <system_error>

#include <qadex/page_parser.hpp>

namespace qadex {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string error_text(const std::error_code& ec) { return ec.message(); }

void add_file(const fs::path& path, const fs::path& root, std::vector<InputFile>& out) {
    auto format = format_of(path);
    if (!format) return;
    InputFile f{path, path.string(), *format, {}};
    if (*format == InputFormat::page) {
        fs::path rel = root.empty() ? path.filename() : path.lexically_relative(root);
        f.default_id = page_id_from_path(rel.generic_string());
    }
    out.push_back(std::move(f));
}

void walk_directory(const fs::path& dir, std::vector<InputFile>& out, std::vector<InputError>& problems) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
    if (ec) {
        problems.emplace_back(dir.string(), 0, "cannot read directory: " + error_text(ec));
        return;
    }
    for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            problems.emplace_back(it->path().string(), 0, "cannot read directory: " + error_text(ec));
            ec.clear();
            it.pop(ec);  // skip what cannot be read, go on with its siblings
            if (ec) break;
            continue;
        }
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && format_of(it->path())) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add_file(f, dir, out);
}

}  // namespace

std::optional<InputFormat> format_of(const fs::path& path) {
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    for (auto ext : {".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"})
        if (ends_with(name, ext)) return InputFormat::jsonl;
    if (ends_with(name, ".txt")) return InputFormat::page;
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
        } else if (!format_of(path)) {
            problems.emplace_back(arg, 0, "unknown input type (expected .jsonl, .jsonl.gz, .ndjson or .txt)");
        } else {
            add_file(path, {}, inputs);
        }
    }
    return inputs;
}

}  // namespace qadex
