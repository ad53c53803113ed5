// The shared page frame (see html_layout.hpp).
#include "web/html_layout.hpp"

#include "web/response.hpp"
#include "web/html_escape.hpp"
#include "web/suggest_endpoint.hpp"

namespace qadex::html {

namespace {

// One small style sheet, inline, so the page needs nothing else from the
// server (the Content-Security-Policy forbids everything else anyway).
constexpr const char* style = R"CSS(
:root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6475;--line:#dde2ea;--bg:#fff;--card:#f7f9fc;--accent:#1f5fbf;--mark:#ffe58a}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a3abba;--line:#333b49;--bg:#15181e;--card:#1d2129;--accent:#8db6ff;--mark:#6b5a10}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
header.top{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:center;padding:1rem 1.25rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.3rem;text-decoration:none;color:var(--fg)}
form.search{display:flex;flex:1 1 28rem;gap:.5rem;max-width:46rem}
form.search input[type=search]{flex:1;min-width:0;padding:.55rem .8rem;font:inherit;border:1px solid var(--line);border-radius:.5rem;background:var(--bg);color:var(--fg)}
form.search button{padding:.55rem 1.1rem;font:inherit;border:0;border-radius:.5rem;background:var(--accent);color:var(--bg);cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 2rem}
.summary,.notice{color:var(--muted);margin:.25rem 0 1rem}
.spelling{margin:.25rem 0 1rem}
.filters{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0;margin:0 0 1rem}
.filters li{background:var(--card);border:1px solid var(--line);border-radius:1rem;padding:.15rem .4rem .15rem .75rem}
.filters a{text-decoration:none;margin-left:.35rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 15rem;gap:2rem}
@media (max-width:48rem){.layout{grid-template-columns:1fr}}
ol.results{list-style:none;padding:0;margin:0}
.result{padding:.9rem 0;border-bottom:1px solid var(--line)}
.result h2{font-size:1.15rem;margin:0 0 .2rem;font-weight:600}
.answer-title{margin:.1rem 0;font-style:italic}
.meta{color:var(--muted);font-size:.92rem;margin:.1rem 0 .4rem}
.snippet{margin:.2rem 0;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:.2em}
.more{margin:.3rem 0 0;font-size:.92rem}
aside.facets h3{font-size:.95rem;margin:1rem 0 .3rem;text-transform:capitalize}
aside.facets ul{list-style:none;padding:0;margin:0}
aside.facets li{display:flex;justify-content:space-between;gap:.5rem;font-size:.92rem;padding:.1rem 0}
aside.facets .count{color:var(--muted)}
nav.pages{display:flex;flex-wrap:wrap;gap:.4rem;margin:1.5rem 0}
nav.pages a,nav.pages span{padding:.3rem .7rem;border:1px solid var(--line);border-radius:.4rem;text-decoration:none}
nav.pages .current{background:var(--accent);color:var(--bg);border-color:var(--accent)}
.question{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;white-space:pre-line}
.answer{padding:1rem 0;border-bottom:1px solid var(--line)}
.answer .body{white-space:pre-line;overflow-wrap:anywhere}
.error h1{font-size:1.3rem}
footer{color:var(--muted);font-size:.85rem;text-align:center;padding:1rem}
form.search{position:relative}
ul.suggestions{position:absolute;z-index:1;top:100%;left:0;right:0;list-style:none;margin:.2rem 0 0;padding:.25rem 0;background:var(--bg);border:1px solid var(--line);border-radius:.5rem;box-shadow:0 4px 12px rgba(0,0,0,.15)}
ul.suggestions li{display:flex;justify-content:space-between;gap:1rem;padding:.35rem .8rem;cursor:pointer}
ul.suggestions li[aria-selected=true],ul.suggestions li:hover{background:var(--card)}
ul.suggestions li.title{font-style:italic}
ul.suggestions .count{color:var(--muted);font-size:.85rem;white-space:nowrap}
)CSS";

std::string hidden(const char* name, const std::string& value) {
    return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + escape_data(value) + "\">";
}

// The search box's maxlength counts UTF-16 code units, the server's limit
// UTF-8 bytes (max_query_bytes). One code unit is at most 3 bytes (a
// character outside the BMP is 2 units, 4 bytes), so at max_query_bytes / 3
// units nothing typed or pasted into the box can be refused as too long
// (a browser cuts a longer paste silently; the server would refuse it whole).
// 1,365 characters are some 200 words: longer than any question of the
// LiveQA or MEDIQA collections.
constexpr std::size_t query_box_maxlength = max_query_bytes / 3;

std::string search_form(const WebRequest& request) {
    const SearchRequest& s = request.search;
    const SearchRequest defaults;
    std::string out = "<form class=\"search\" method=\"get\" role=\"search\">"
                      "<input type=\"search\" name=\"q\" value=\"" + escape_data(s.query) +
                      "\" placeholder=\"Ask a question, e.g. does Botox cause atrophy\" aria-label=\"Your question\""
                      " maxlength=\"" + std::to_string(query_box_maxlength) + "\"" +
                      (request.has_search() ? "" : " autofocus") + ">";
    // A new question keeps the filters and settings chosen so far.
    for (const auto& [field, value] : s.filters) out += hidden("filter", field + ":" + value);
    if (s.per_page != defaults.per_page) out += hidden("per_page", std::to_string(s.per_page));
    if (s.sort == SortOrder::rating) out += hidden("sort", "rating");
    if (s.sort == SortOrder::date) out += hidden("sort", "date");
    out += "<button type=\"submit\">Search</button></form>";
    return out;
}

}  // namespace

std::string page_start(const std::string& title, const WebRequest& request) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<meta name=\"referrer\" content=\"no-referrer\">"
           "<title>" + escape(title) + "</title><style>" + style + "</style>"
           "<script src=\"" + escape(suggest_script_url()) + "\" defer></script></head>\n<body>"
           "<header class=\"top\"><a class=\"brand\" href=\"?\">qadex</a>" + search_form(request) +
           "</header>\n<main>\n";
}

std::string page_end() {
    return "</main>\n<footer>Answers from the qadex index. Medical answers are not a diagnosis.</footer>\n"
           "</body></html>\n";
}

std::string landing_page(const WebRequest& request) {
    return page_start("qadex: search expert answers", request) +
           "<p class=\"summary\">Type a question in plain words. <code>\"exact phrase\"</code>, "
           "<code>AND</code>, <code>OR</code>, <code>NOT</code>, <code>atroph*</code> and fields such as "
           "<code>specialty:dermatologist</code> work too.</p>\n" +
           page_end();
}

std::string error_page(int status, const std::string& message, const WebRequest* request) {
    const WebRequest empty;
    return page_start(status_text(status), request ? *request : empty) + "<section class=\"error\"><h1>" +
           escape(status_text(status)) + "</h1><p>" + escape(message) + "</p></section>\n" + page_end();
}

}  // namespace qadex::html
