// HTML pages -> lines of visible text (see html_page.hpp), with libxml2's
// HTML parser, which recovers from the broken markup real pages have.
#include <qadex/html_page.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <mutex>
#include <optional>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <qadex/error.hpp>
#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

namespace {

// ---------------------------------------------------------------------------
// Elements

enum class Role {
    text,       // inline: its text joins the current line
    line,       // a block that starts and ends a line (div, li)
    paragraph,  // a block set apart by blank lines (p, h1, ul, table)
    skip,       // never read (script, nav, form fields)
};

constexpr auto skipped = std::to_array<std::string_view>({
    "script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside", "svg", "math",
    "iframe", "object", "embed", "canvas", "audio", "video", "select", "textarea", "datalist", "input", "dialog",
});
constexpr auto paragraph_blocks = std::to_array<std::string_view>({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table", "figure", "hr",
    "section", "article", "main", "details", "fieldset", "form",
});
constexpr auto line_blocks = std::to_array<std::string_view>({
    "div", "li", "dt", "dd", "tr", "caption", "figcaption", "summary", "legend", "center", "address", "body", "html",
    "nav", "header", "footer", "aside", "dialog",
});

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// An attribute's value, or nullopt when absent.
std::optional<std::string> attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return std::nullopt;
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

bool has_ancestor(const xmlNode* node, std::string_view name) {
    for (const xmlNode* p = node->parent; p; p = p->parent)
        if (p->type == XML_ELEMENT_NODE && name_of(p) == name) return true;
    return false;
}

// Hidden by the page itself: what a reader never sees.
bool is_hidden(const xmlNode* node) {
    if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden"))) return true;
    if (auto aria = attribute(node, "aria-hidden"); aria && ascii_lower(trim(*aria)) == "true") return true;
    if (auto style = attribute(node, "style")) {
        std::string compact;
        for (char c : ascii_lower(*style))
            if (!is_ascii_space(c)) compact += c;
        if (compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos)
            return true;
    }
    return false;
}

// The role by the element's name alone, before skipping.
Role layout_of(const xmlNode* node) {
    auto name = name_of(node);
    // A list inside a list item continues the outer list, as text pages show it.
    if ((name == "ul" || name == "ol") && has_ancestor(node, "li")) return Role::line;
    if (contains(paragraph_blocks, name)) return Role::paragraph;
    if (contains(line_blocks, name)) return Role::line;
    return Role::text;
}

Role role_of(const xmlNode* node) {
    if (contains(skipped, name_of(node)) || is_hidden(node)) return Role::skip;
    return layout_of(node);
}

// "• " in a bulleted list, "3. " for the third item of a numbered one.
std::string list_marker(const xmlNode* li) {
    if (!li->parent || li->parent->type != XML_ELEMENT_NODE || name_of(li->parent) != "ol") return "\xE2\x80\xA2 ";
    int index = 1;
    for (const xmlNode* s = li->prev; s; s = s->prev)
        if (s->type == XML_ELEMENT_NODE && name_of(s) == "li") ++index;
    return std::to_string(index) + ". ";
}

// ---------------------------------------------------------------------------
// Lines

class LineBuilder {
public:
    // Text of an inline run; white space is layout except inside <pre>.
    // `number` is the line of the file where `t` starts.
    void text(std::string_view t, std::size_t number, bool preformatted) {
        for (char c : t) {
            if (c == '\n' && number > 0) ++number;
            if (preformatted && c == '\n') {
                line_break();
                continue;
            }
            if (is_ascii_space(c)) {  // runs of white space are one space, none at the start
                if (has_text_ && current_.back() != ' ') current_ += ' ';
                continue;
            }
            if (!has_text_) {
                current_number_ = number;
                current_ += marker_;
            }
            has_text_ = true;
            current_ += c;
        }
    }
    void end_line() {
        if (has_text_ && current_.back() == ' ') current_.pop_back();
        if (has_text_) lines_.push_back({std::move(current_), current_number_});
        current_.clear();
        has_text_ = false;
        marker_.clear();
    }
    // A list item's marker, shown when the item starts with text (not with
    // a heading or paragraph: lists of answers are not bulleted text).
    void list_item(std::string marker) {
        end_line();
        marker_ = std::move(marker);
    }
    // <br>: ends the line even when empty, so that two of them leave a blank line.
    void line_break() {
        if (!has_text_) lines_.push_back({"", current_number_});
        end_line();
    }
    void paragraph_break() {
        end_line();
        if (!lines_.empty() && !lines_.back().text.empty()) lines_.push_back({"", lines_.back().number});
    }
    void separate_cell() {
        if (has_text_ && current_.back() != ' ') current_ += ' ';
    }
    std::vector<PageLine> finish() {
        end_line();
        while (!lines_.empty() && lines_.back().text.empty()) lines_.pop_back();
        return std::move(lines_);
    }

private:
    std::vector<PageLine> lines_;
    std::string current_;
    std::size_t current_number_ = 0;
    bool has_text_ = false;
    std::string marker_;
};

std::size_t line_number(const xmlNode* node) {
    long line = xmlGetLineNo(node);
    return line > 0 ? static_cast<std::size_t>(line) : 0;
}

// libxml2 numbers a text node with the line where it ends: count back.
std::size_t start_line(const xmlNode* text, std::string_view content) {
    auto end = line_number(text);
    auto breaks = static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
    return end > breaks ? end - breaks : (end > 0 ? 1 : 0);
}

// <link rel="canonical" href="..."> among the head's elements.
std::string canonical_link(const xmlNode* head) {
    for (const xmlNode* n = head->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || name_of(n) != "link") continue;
        auto rel = attribute(n, "rel");
        auto href = attribute(n, "href");
        if (rel && href && ascii_lower(trim(*rel)) == "canonical") return std::string(trim(*href));
    }
    return {};
}

// Opening or closing an element: the breaks its role asks for.
void open_element(const xmlNode* node, Role role, LineBuilder& out) {
    auto name = name_of(node);
    if (name == "br") out.line_break();
    else if (role == Role::paragraph) out.paragraph_break();
    else if (role == Role::line) out.end_line();
    if (name == "li") out.list_item(list_marker(node));
    if (name == "td" || name == "th") out.separate_cell();
}

void close_element(const xmlNode*, Role role, LineBuilder& out) {
    if (role == Role::paragraph) out.paragraph_break();
    else if (role == Role::line) out.end_line();
}

// Walks the tree without recursion (nesting depth is the page's to choose),
// calling open_element on the way down and close_element on the way up.
void read_tree(xmlNode* root, LineBuilder& out, std::string* canonical_url) {
    int preformatted = 0;
    xmlNode* node = root;
    while (node) {
        bool descend = false;
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) {
                std::string_view content = reinterpret_cast<const char*>(node->content);
                out.text(content, start_line(node, content), preformatted > 0);
            }
        } else if (node->type == XML_ELEMENT_NODE) {
            Role role = role_of(node);
            if (name_of(node) == "head" && canonical_url && canonical_url->empty())
                *canonical_url = canonical_link(node);
            if (role == Role::skip) {
                if (layout_of(node) != Role::text) out.end_line();  // a dropped block still ends a line
            } else {
                open_element(node, role, out);
                if (name_of(node) == "pre") ++preformatted;
                descend = node->children != nullptr;
                if (!descend) close_element(node, role, out);
                if (!descend && name_of(node) == "pre") --preformatted;
            }
        }
        if (descend) {
            node = node->children;
            continue;
        }
        // Climb until a sibling is found, closing the elements left behind.
        while (node && node != root && !node->next) {
            node = node->parent;
            if (node && node->type == XML_ELEMENT_NODE) {
                if (name_of(node) == "pre") --preformatted;
                close_element(node, role_of(node), out);
            }
        }
        node = node && node != root ? node->next : nullptr;
    }
}

// ---------------------------------------------------------------------------
// Parsing

void ignore_error(void*, const char*, ...) {}
void ignore_structured_error(void*, xmlErrorPtr) {}

struct FreeDoc {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// The encoding to parse with: bytes that are valid UTF-8 are UTF-8 whatever
// the page declares (a wrong <meta charset> is common); otherwise libxml2
// follows the declaration, or falls back to Latin-1.
const char* encoding_for(std::string_view html, const std::string& file) {
    if (html.starts_with("\xFF\xFE") || html.starts_with("\xFE\xFF")) return nullptr;  // UTF-16 with its BOM
    if (auto nul = html.find('\0'); nul != std::string_view::npos) {
        auto line = static_cast<std::size_t>(std::count(html.begin(), html.begin() + static_cast<std::ptrdiff_t>(nul), '\n')) + 1;
        throw InputError(file, line, "not text: NUL byte at offset " + std::to_string(nul));
    }
    return utf8::is_valid(html) ? "UTF-8" : nullptr;
}

}  // namespace

std::vector<PageLine> html_page_lines(std::string_view html, const std::string& file, std::string* canonical_url) {
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    if (html.size() > static_cast<std::size_t>(INT_MAX)) throw InputError(file, 0, "page too large");
    const char* encoding = encoding_for(html, file);
    // Error handlers are per thread in libxml2: keep its messages off stderr.
    xmlSetGenericErrorFunc(nullptr, ignore_error);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
    std::unique_ptr<xmlDoc, FreeDoc> doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, encoding,
                                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                                            HTML_PARSE_NONET));
    LineBuilder out;
    if (doc) {
        if (xmlNode* root = xmlDocGetRootElement(doc.get())) read_tree(root, out, canonical_url);
    }
    auto lines = out.finish();
    for (auto& line : lines)
        if (!utf8::is_valid(line.text)) line.text = utf8::repair(line.text);
    return lines;
}

Thread parse_html_page(std::string_view html, const std::string& file, const std::string& default_id,
                       PageWarnings* warnings) {
    Thread thread;
    thread.id = default_id;
    auto lines = html_page_lines(html, file, &thread.url);
    return parse_page_lines(std::move(lines), std::move(thread), file, warnings);
}

}  // namespace qadex
