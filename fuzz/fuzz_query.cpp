// Query handling: the bytes are a query (first line) and filters
// (FIELD=VALUE lines), the first byte picks the options (collapse, sort,
// facets, explain, spelling, synonyms), searched on a small real database
// built once from corpus/threads.jsonl. Bad queries may only raise
// BadQueryError; results must stay within the page asked for.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include <qadex/error.hpp>
#include <qadex/record_reader.hpp>

#include "document_builder.hpp"
#include "index_writer.hpp"
#include "engine/search_engine.hpp"

namespace {

std::unique_ptr<qadex::SearchEngine> engine;

std::string build_database() {
    char dir[] = "/tmp/qadex-fuzz-query-XXXXXX";
    if (!mkdtemp(dir)) std::abort();
    const std::string path = std::string(dir) + "/db";
    qadex::IndexWriter writer(path, 1000);
    qadex::DocumentBuilder builder;
    qadex::InputFile input{QADEX_SOURCE_DIR "/corpus/threads.jsonl", "threads.jsonl", qadex::InputFormat::jsonl, {}};
    qadex::RecordReader reader(input);
    qadex::RawRecord record;
    while (reader.next(record)) {
        qadex::Thread t = qadex::parse_record(record, input);
        writer.put_thread(t.id, builder.build(t));
    }
    writer.commit();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    engine = std::make_unique<qadex::SearchEngine>(build_database());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t flags = data[0];
    std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    qadex::SearchRequest request;
    auto line_end = rest.find('\n');
    request.query = rest.substr(0, line_end);
    while (line_end != std::string::npos && request.filters.size() < 4) {
        auto next = rest.find('\n', line_end + 1);
        std::string line = rest.substr(line_end + 1, next == std::string::npos ? next : next - line_end - 1);
        auto eq = line.find('=');
        if (eq != std::string::npos) request.filters.emplace_back(line.substr(0, eq), line.substr(eq + 1));
        line_end = next;
    }
    request.collapse = flags & 1;
    request.sort = static_cast<qadex::SortOrder>((flags >> 1) % 3);
    request.facets = flags & 8;
    request.explain = flags & 16;
    request.spelling = flags & 32;
    request.synonyms = flags & 64;
    request.page = flags & 128 ? 2 : 1;
    request.per_page = 5;
    try {
        qadex::SearchResult result = engine->search(request);
        if (result.hits.size() > request.per_page) __builtin_trap();
    } catch (const qadex::BadQueryError&) {
    }
    return 0;
}
