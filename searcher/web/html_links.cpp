// Links back to the CGI program (see html_links.hpp).
#include "web/html_links.hpp"

#include <algorithm>

#include "web/html_escape.hpp"

namespace qadex::html {

namespace {

void add(std::string& url, const char* name, const std::string& value) {
    url += url.empty() ? '?' : '&';
    url += name;
    url += '=';
    url += url_encode(value);
}

}  // namespace

std::string search_href(const SearchRequest& search) {
    const SearchRequest defaults;
    std::string url;
    add(url, "q", search.query);
    for (const auto& [field, value] : search.filters) add(url, "filter", field + ":" + value);
    if (search.sort != defaults.sort) add(url, "sort", sort_name(search.sort));
    if (search.per_page != defaults.per_page) add(url, "per_page", std::to_string(search.per_page));
    if (!search.facets) add(url, "facets", "0");
    if (search.page != 1) add(url, "page", std::to_string(search.page));
    return escape(url);
}

std::string page_href(const SearchRequest& search, std::size_t page) {
    SearchRequest copy = search;
    copy.page = page;
    return search_href(copy);
}

std::string add_filter_href(const SearchRequest& search, const std::string& field, const std::string& value) {
    SearchRequest copy = search;
    copy.page = 1;
    std::pair<std::string, std::string> filter{field, value};
    if (std::find(copy.filters.begin(), copy.filters.end(), filter) == copy.filters.end())
        copy.filters.push_back(std::move(filter));
    return search_href(copy);
}

std::string remove_filter_href(const SearchRequest& search, std::size_t index) {
    SearchRequest copy = search;
    copy.page = 1;
    if (index < copy.filters.size()) copy.filters.erase(copy.filters.begin() + static_cast<std::ptrdiff_t>(index));
    return search_href(copy);
}

std::string query_href(const SearchRequest& search, const std::string& query) {
    SearchRequest copy = search;
    copy.page = 1;
    copy.query = query;
    return search_href(copy);
}

std::string thread_href(const SearchRequest& search, const std::string& thread_id, std::size_t page) {
    std::string url;
    add(url, "thread", thread_id);
    if (page != 1) add(url, "page", std::to_string(page));
    if (!search.query.empty()) add(url, "q", search.query);
    for (const auto& [field, value] : search.filters) add(url, "filter", field + ":" + value);
    return escape(url);
}

std::string similar_href(const std::string& id) {
    std::string url;
    add(url, "similar", id);
    return escape(url);
}

}  // namespace qadex::html
