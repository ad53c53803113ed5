// Text analysis: ICU folding for indexing and for queries, value folding,
// and a whole thread made of the bytes turned into Xapian documents.
#include <cstddef>
#include <cstdint>
#include <string>

#include <qadex/text_normalizer.hpp>
#include <qadex/utf8.hpp>

#include "document_builder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static qadex::TextNormalizer normalizer;
    static qadex::DocumentBuilder builder;
    std::string text(reinterpret_cast<const char*>(data), size);
    std::string folded = normalizer.normalize(text);
    if (!qadex::utf8::is_valid(folded)) __builtin_trap();  // invalid input becomes U+FFFD
    std::string query = normalizer.normalize_query(text);
    if (!qadex::utf8::is_valid(query)) __builtin_trap();
    (void)qadex::fold_value(text);
    // The builder is fed what the readers let through: valid UTF-8.
    if (qadex::utf8::is_valid(text)) {
        qadex::Thread thread;
        thread.id = "fuzz";
        thread.title = text;
        thread.question = text;
        thread.tags = {text, "tag"};
        thread.answers.push_back({});
        thread.answers.back().id = "fuzz-a1";
        thread.answers.back().body = text;
        thread.answers.back().author = text;
        (void)builder.build(thread);
    }
    return 0;
}
