// Suggestions as JSON (see suggest_json.hpp).
#include "output/suggest_json.hpp"

#include <cmath>

#include <qadex/utf8.hpp>

#include "output/json_writer.hpp"

namespace qadex {

std::string suggest_json(const SuggestResult& result) {
    std::string text;
    JsonWriter w(text);
    w.begin_object().field("text", utf8::repair(result.text));
    w.key("suggestions").begin_array();
    for (const Suggestion& s : result.suggestions) {
        w.begin_object()
            .field("text", utf8::repair(s.text))
            .field("kind", suggestion_kind_name(s.kind))
            .field("count", s.count)
            .field("corrected", s.corrected)
            .end_object();
    }
    w.end_array();
    w.field("took_ms", std::round(result.took_ms * 1000) / 1000).end_object();
    text += '\n';
    return text;
}

}  // namespace qadex
