// A page file's signature, as omindex and Recoll keep one: what a re-run
// compares to skip reading and parsing a page file that has not changed
// (stored on the thread's answers, schema::slot::source_file). A page file is
// one thread; JSON Lines files hold many, so their threads rely on the
// content hash alone.
#pragma once

#include <cstdint>
#include <optional>

#include <qadex/input_files.hpp>

namespace qadex {

// 64-bit FNV-1a of the page's absolute path, the thread id it defaults to,
// its size and modification time (nanoseconds), the schema and document
// builder versions and the qadex version (a new release reads every page
// again once, in case its parser reads them differently: the content hash
// then still skips the pages it parses as before). Taken before the page is
// read, so a page changed while it is read is read again next time. nullopt
// for JSON Lines, standard input, or a file that cannot be examined.
std::optional<std::uint64_t> page_file_signature(const InputFile& input);

}  // namespace qadex
