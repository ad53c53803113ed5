// Scraped page text (docs/FORMATS.md "Scraped pages"): any bytes either
// parse into a thread or raise InputError naming the line, nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <qadex/error.hpp>
#include <qadex/page_parser.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        qadex::Thread t = qadex::parse_page(text, "fuzz.txt", "fuzz");
        if (t.id.empty()) __builtin_trap();  // a parsed page always has an id
    } catch (const qadex::InputError&) {
    }
    return 0;
}
