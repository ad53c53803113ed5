// Term builders of the index schema (see schema.hpp).
#include <qadex/schema.hpp>

#include <qadex/text_normalizer.hpp>
#include <qadex/utf8.hpp>

namespace qadex::schema {

namespace {

// Omega's convention: a multi-letter prefix is followed by ':' when the value
// itself starts with a capital, so the prefix can be told from the value.
std::string join(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (prefix.size() > 1 && !value.empty() && value.front() >= 'A' && value.front() <= 'Z') term.push_back(':');
    term.append(utf8::truncate(value, max_term_bytes - term.size()));
    return term;
}

}  // namespace

std::string filter_term(std::string_view prefix, std::string_view raw_value) {
    return join(prefix, fold_value(raw_value));
}

std::string id_term(std::string_view prefix, std::string_view id) { return join(prefix, id); }

}  // namespace qadex::schema
