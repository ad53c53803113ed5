// The result cache (see result_cache.hpp).
#include "engine/result_cache.hpp"

namespace qadex {

namespace {

// Lengths first, so that no two different requests give the same key
// whatever bytes their strings hold.
void append_field(std::string& key, std::string_view value) {
    key += std::to_string(value.size());
    key += ':';
    key += value;
}

std::size_t string_bytes(const std::string& s) { return sizeof(std::string) + s.capacity(); }

// The heap bytes of an answer (its own size is counted where it is held).
std::size_t stored_bytes(const StoredAnswer& a) {
    std::size_t n = 0;
    for (const std::string* s : {&a.thread_id, &a.url, &a.source, &a.title, &a.question, &a.category, &a.date})
        n += s->capacity();
    for (const std::string& t : a.tags) n += string_bytes(t);
    const Answer& b = a.answer;
    for (const std::string* s : {&b.id, &b.title, &b.body, &b.author, &b.specialty, &b.location, &b.date})
        n += s->capacity();
    return n;
}

}  // namespace

std::string result_cache_key(const SearchRequest& r) {
    // Every member of SearchRequest: one left out would serve one request's
    // result to another (test_result_cache.cpp changes each in turn).
    std::string key;
    append_field(key, r.query);
    for (const auto& [field, value] : r.filters) {
        append_field(key, field);
        append_field(key, value);
    }
    key += '|';
    key += std::to_string(r.page) + ',' + std::to_string(r.per_page) + ',' + std::to_string(r.snippet_bytes) + ',';
    key += sort_name(r.sort);
    key += r.collapse ? 'c' : '-';
    key += r.facets ? 'f' : '-';
    key += r.spelling ? 's' : '-';
    key += r.synonyms ? 'y' : '-';
    key += r.explain ? 'e' : '-';
    return key;
}

std::size_t approximate_bytes(const SearchResult& r) {
    std::size_t n = sizeof(SearchResult) + r.query.capacity() + r.interpreted.capacity() + r.corrected.capacity();
    for (const std::string& s : r.notices) n += string_bytes(s);
    for (const SearchHit& h : r.hits) {
        n += sizeof(SearchHit) + stored_bytes(h.stored) + h.snippet.text.capacity() +
             h.snippet.highlights.capacity() * sizeof(HighlightedText::Span);
        for (const TermContribution& t : h.explanation) n += sizeof t + t.term.capacity() + t.field.capacity();
    }
    for (const auto& [field, values] : r.facets) {
        n += 64 + field.capacity();
        for (const FacetValue& v : values) n += sizeof v + v.value.capacity();
    }
    if (r.similar_to) n += sizeof(StoredAnswer) + stored_bytes(*r.similar_to);
    return n;
}

std::optional<SearchResult> ResultCache::find(const SearchRequest& request, std::uint64_t revision) {
    if (revision != revision_ || lru_.empty()) {
        ++misses_;
        return std::nullopt;
    }
    const auto it = by_key_.find(result_cache_key(request));
    if (it == by_key_.end()) {
        ++misses_;
        return std::nullopt;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    ++hits_;
    return it->second->result;
}

void ResultCache::store(const SearchRequest& request, std::uint64_t revision, const SearchResult& result) {
    if (revision != revision_) {
        drop_all();
        revision_ = revision;
    }
    std::string key = result_cache_key(request);
    const std::size_t bytes = approximate_bytes(result) + 2 * key.capacity() + 64;
    if (bytes > max_bytes_ / 4) return;  // one huge result would push out many small ones
    if (const auto old = by_key_.find(key); old != by_key_.end()) {
        bytes_ -= old->second->bytes;
        lru_.erase(old->second);
        by_key_.erase(old);
    }
    while (!lru_.empty() && bytes_ + bytes > max_bytes_) {
        bytes_ -= lru_.back().bytes;
        by_key_.erase(lru_.back().key);
        lru_.pop_back();
    }
    lru_.push_front({key, result, bytes});
    by_key_.emplace(std::move(key), lru_.begin());
    bytes_ += bytes;
}

void ResultCache::drop_all() {
    lru_.clear();
    by_key_.clear();
    bytes_ = 0;
}

}  // namespace qadex
