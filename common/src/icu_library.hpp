// ICU's C functions the text normalizer needs, loaded on first use.
//
// Why not link ICU like any library: loading libicuuc and its 30 MB data
// library costs a process about 0.2 ms at start-up (measured: 1.52 -> 1.70
// ms for an otherwise empty program), more than a tenth of what
// `qadex-search QUERY` or a CGI request costs in all. Most queries are
// ASCII and never call ICU, so the searcher opens it only when it meets
// non-ASCII text. The functions are ICU's own, from Debian's libicu (the
// version the build found); nothing is reimplemented.
#pragma once

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

namespace qadex {

struct IcuLibrary {
    decltype(&::unorm2_getNFKCCasefoldInstance) nfkc_casefold_instance;
    decltype(&::unorm2_getNFDInstance) nfd_instance;
    decltype(&::unorm2_getNFCInstance) nfc_instance;
    decltype(&::unorm2_normalize) normalize;
    decltype(&::u_strFromUTF8) from_utf8;
    decltype(&::u_strToUTF8) to_utf8;
    decltype(&::uscript_getScript) script_of;
    decltype(&::ubrk_open) break_open;
    decltype(&::ubrk_setText) break_set_text;
    decltype(&::ubrk_first) break_first;
    decltype(&::ubrk_next) break_next;
    decltype(&::ubrk_close) break_close;
    decltype(&::u_errorName) error_name;
};

// The library, opened once per process (thread-safe). Throws FatalError
// naming the library when it cannot be opened.
const IcuLibrary& icu_library();

}  // namespace qadex
