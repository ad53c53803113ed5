// A thread's content hash: what a nightly re-run compares to skip threads the
// database already holds unchanged (stored_hashes.hpp). It covers every field
// of the parsed thread and the versions of the schema and of the document
// builder, so a parser or builder change that alters a thread rewrites it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <qadex/document.hpp>

namespace qadex {

// Bump when DocumentBuilder writes different documents for the same Thread:
// every stored thread then counts as changed on the next run.
inline constexpr std::uint32_t document_builder_version = 2;  // 2: first_answer_term

// 64-bit FNV-1a over a length-prefixed serialisation of the thread. Never 0.
std::uint64_t content_hash(const Thread& thread);

// 64-bit FNV-1a of the bytes.
std::uint64_t fnv1a64(std::string_view bytes);

// FNV-1a of a thread id: the key the stored hashes are looked up by.
inline std::uint64_t thread_key(std::string_view thread_id) { return fnv1a64(thread_id); }

// The hash as stored in its value slot (schema::slot::content_hash): 8 bytes, big-endian.
std::string encode_content_hash(std::uint64_t hash);
std::optional<std::uint64_t> decode_content_hash(std::string_view value);

}  // namespace qadex
