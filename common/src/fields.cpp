// Lists and help derived from the field table (see fields.hpp).
#include <qadex/fields.hpp>

namespace qadex {

namespace {

template <typename Wanted>
std::vector<std::string> names_of(Wanted wanted) {
    std::vector<std::string> names;
    for (const Field& f : all_fields)
        if (wanted(f)) names.emplace_back(f.name);
    return names;
}

}  // namespace

const Field* find_field(std::string_view name) {
    for (const Field& f : all_fields)
        if (name == f.name) return &f;
    return nullptr;
}

const std::vector<std::string>& filter_fields() {
    static const std::vector<std::string> names = names_of([](const Field& f) { return f.is_filter(); });
    return names;
}

const std::vector<std::string>& facet_fields() {
    static const std::vector<std::string> names = names_of([](const Field& f) { return f.is_facet(); });
    return names;
}

std::map<std::string, double, std::less<>> default_field_weights() {
    std::map<std::string, double, std::less<>> weights;
    for (const Field& f : all_fields)
        if (f.default_weight > 0) weights.emplace(f.name, f.default_weight);
    return weights;
}

std::string fields_help() {
    std::string out = "Fields (field:word in a query; a range as field:LOW..HIGH, LOW.. or ..HIGH):\n";
    for (const Field& f : all_fields) {
        std::string line = std::string("  ") + f.name;
        line.resize(13, ' ');
        line += f.help;
        std::string uses;
        if (f.default_weight > 0) uses += "plain words";
        if (f.is_filter()) uses += std::string(uses.empty() ? "" : ", ") + "--filter";
        if (f.is_facet()) uses += std::string(uses.empty() ? "" : ", ") + "--facets";
        if (!uses.empty()) line += " [" + uses + "]";
        out += line + '\n';
    }
    return out;
}

}  // namespace qadex
