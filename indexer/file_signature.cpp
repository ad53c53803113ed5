// Page file signatures (see file_signature.hpp).
#include "file_signature.hpp"

#include <filesystem>
#include <string>
#include <sys/stat.h>

#include <qadex/schema.hpp>
#include <qadex/version.hpp>

#include "content_hash.hpp"

namespace qadex {

std::optional<std::uint64_t> page_file_signature(const InputFile& input) {
    if (input.format != InputFormat::page || input.path.empty()) return std::nullopt;
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(input.path, ec);
    struct stat st {};
    if (ec || ::stat(absolute.c_str(), &st) != 0) return std::nullopt;
    std::string key = absolute.string();
    for (const std::string& part :
         {input.default_id, std::to_string(st.st_size),
          std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec), std::to_string(schema::version),
          std::to_string(document_builder_version), std::string(version_string)}) {
        key += '\0';
        key += part;
    }
    return fnv1a64(key);
}

}  // namespace qadex
