// Opens ICU's common library on first use (see icu_library.hpp).
#include "icu_library.hpp"

#include <dlfcn.h>
#include <string>

#include <qadex/error.hpp>

namespace qadex {

namespace {

// ICU's headers rename each function after its version (u_strToUTF8 is
// u_strToUTF8_72); the same macro gives the name to look up.
#define QADEX_ICU_NAME_(name) #name
#define QADEX_ICU_NAME(name) QADEX_ICU_NAME_(name)

constexpr const char* library_name = "libicuuc.so." U_ICU_VERSION_SHORT;

template <typename Function>
void bind(void* handle, Function& slot, const char* name) {
    void* address = ::dlsym(handle, name);
    if (!address) throw FatalError(std::string("ICU function ") + name + " not found in " + library_name);
    slot = reinterpret_cast<Function>(address);
}

IcuLibrary open_library() {
    // Never closed: ICU keeps caches for the life of the process.
    void* handle = ::dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        throw FatalError(std::string("cannot load ICU (") + library_name + ", Debian package libicu" +
                         U_ICU_VERSION_SHORT + "): " + (why ? why : "unknown error"));
    }
    IcuLibrary icu{};
    bind(handle, icu.nfkc_casefold_instance, QADEX_ICU_NAME(unorm2_getNFKCCasefoldInstance));
    bind(handle, icu.nfd_instance, QADEX_ICU_NAME(unorm2_getNFDInstance));
    bind(handle, icu.nfc_instance, QADEX_ICU_NAME(unorm2_getNFCInstance));
    bind(handle, icu.normalize, QADEX_ICU_NAME(unorm2_normalize));
    bind(handle, icu.from_utf8, QADEX_ICU_NAME(u_strFromUTF8));
    bind(handle, icu.to_utf8, QADEX_ICU_NAME(u_strToUTF8));
    bind(handle, icu.script_of, QADEX_ICU_NAME(uscript_getScript));
    bind(handle, icu.break_open, QADEX_ICU_NAME(ubrk_open));
    bind(handle, icu.break_set_text, QADEX_ICU_NAME(ubrk_setText));
    bind(handle, icu.break_first, QADEX_ICU_NAME(ubrk_first));
    bind(handle, icu.break_next, QADEX_ICU_NAME(ubrk_next));
    bind(handle, icu.break_close, QADEX_ICU_NAME(ubrk_close));
    bind(handle, icu.error_name, QADEX_ICU_NAME(u_errorName));
    return icu;
}

}  // namespace

const IcuLibrary& icu_library() {
    static const IcuLibrary icu = open_library();
    return icu;
}

}  // namespace qadex
