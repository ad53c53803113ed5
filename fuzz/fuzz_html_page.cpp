// Scraped pages saved as HTML (docs/FORMATS.md "HTML pages"): any bytes
// either parse into a thread whose text is valid UTF-8 or raise InputError,
// nothing else (libxml2 recovers from the rest).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <qadex/error.hpp>
#include <qadex/html_page.hpp>
#include <qadex/utf8.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view html(reinterpret_cast<const char*>(data), size);
    try {
        qadex::PageWarnings warnings;
        qadex::Thread t = qadex::parse_html_page(html, "fuzz.html", "fuzz", &warnings);
        if (t.id.empty()) __builtin_trap();  // a parsed page always has an id
        if (!qadex::utf8::is_valid(t.title) || !qadex::utf8::is_valid(t.question)) __builtin_trap();
        for (const auto& a : t.answers)
            if (!qadex::utf8::is_valid(a.title) || !qadex::utf8::is_valid(a.body) || !qadex::utf8::is_valid(a.author))
                __builtin_trap();
    } catch (const qadex::InputError&) {
    }
    return 0;
}
