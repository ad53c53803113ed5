// Content hashing (see content_hash.hpp).
#include "content_hash.hpp"


#include <qadex/schema.hpp>

namespace qadex {

namespace {

// A field added to Thread or Answer changes their size: hash it below, then
// update these (sizes of Debian 12's libstdc++ on 64-bit).
static_assert(sizeof(Answer) == 272, "Answer changed: add the new field to content_hash()");
static_assert(sizeof(Thread) == 272, "Thread changed: add the new field to content_hash()");

class Fnv1a {
public:
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            hash_ ^= p[i];
            hash_ *= 1099511628211ull;
        }
    }
    void number(std::uint64_t n) { bytes(&n, sizeof n); }
    // Length first, so ("ab", "c") and ("a", "bc") differ.
    void text(std::string_view s) {
        number(s.size());
        bytes(s.data(), s.size());
    }
    void maybe(const std::optional<double>& d) {
        number(d.has_value());
        if (d) bytes(&*d, sizeof *d);
    }
    void maybe(const std::optional<std::int64_t>& n) {
        number(n.has_value());
        if (n) number(static_cast<std::uint64_t>(*n));
    }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 14695981039346656037ull;
};

}  // namespace

std::uint64_t content_hash(const Thread& t) {
    Fnv1a h;
    h.number(schema::version);
    h.number(document_builder_version);
    for (std::string_view s : {t.id, t.url, t.source, t.title, t.question, t.category, t.date}) h.text(s);
    h.number(t.tags.size());
    for (const auto& tag : t.tags) h.text(tag);
    h.number(t.answers.size());
    for (const Answer& a : t.answers) {
        for (std::string_view s : {a.id, a.title, a.body, a.author, a.specialty, a.location, a.date}) h.text(s);
        h.maybe(a.rating);
        h.maybe(a.reviews);
        h.maybe(a.votes);
    }
    return h.value() == 0 ? 1 : h.value();  // 0 is never a stored hash
}

std::uint64_t fnv1a64(std::string_view bytes) {
    Fnv1a h;
    h.bytes(bytes.data(), bytes.size());
    return h.value();
}

std::string encode_content_hash(std::uint64_t hash) {
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, hash >>= 8) out[i] = static_cast<char>(hash & 0xff);
    return out;
}

std::optional<std::uint64_t> decode_content_hash(std::string_view value) {
    if (value.size() != 8) return std::nullopt;
    std::uint64_t hash = 0;
    for (unsigned char c : value) hash = hash << 8 | c;
    return hash;
}

}  // namespace qadex
