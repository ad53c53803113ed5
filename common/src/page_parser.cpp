// Scraped page parser (see page_parser.hpp; the format is described for site
// operators in docs/FORMATS.md, "Scraped pages"). The page is read in four
// steps: raw bytes are checked and split into normalised lines, optional
// front matter is read, the lines are grouped into paragraphs with template
// noise removed, and the paragraphs are read either as a Q&A page (it has a
// "Doctor Answers N" line) or as an article. Pages read from HTML join at
// the third step (parse_page_lines); attribution lines are recognised in
// page_attribution.cpp.
#include <qadex/page_parser.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <qadex/error.hpp>
#include <qadex/page_attribution.hpp>
#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

namespace qadex {

namespace {

// ---------------------------------------------------------------------------
// Text helpers

constexpr std::string_view disclaimer_start = "These answers are for educational purposes";
constexpr std::string_view related_articles = "Related Articles";

bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

// ---------------------------------------------------------------------------
// Raw bytes -> normalised lines

// Lines once normalised: single spaces, no leading or trailing space.
using Line = PageLine;

// Line number of byte `offset`, counting LF, CRLF and a lone CR as one break
// each, exactly as split_lines() does.
std::size_t line_of(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++line;
        else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) ++line;
    }
    return line;
}

// A page must be text: NUL bytes mean a binary file. Bytes that are not
// UTF-8 are read as Windows-1252, each on its own (utf8::repair_as_windows_1252),
// with a warning at the first: a page an editor saved in its legacy
// encoding ("Caf\xE9") was rejected whole. The HTML reader falls back to
// Latin-1 alike; Xapian's omindex reads such bytes as Latin-1 too.
std::string_view as_utf8_text(std::string_view text, std::string& converted, const std::string& file,
                              PageWarnings* warnings) {
    // UTF-16 with its byte order mark, as Windows editors save "Unicode"
    // text: its NUL bytes had called it a binary file.
    if (auto utf16 = utf8::from_utf16_with_bom(text)) {
        converted = std::move(*utf16);
        text = converted;
    }
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        throw InputError(file, line_of(text, nul), "not text: NUL byte at offset " + std::to_string(nul));
    const auto bad = utf8::first_invalid_byte(text);
    if (!bad) return text;
    if (warnings)
        warnings->emplace_back(file, line_of(text, *bad),
                               "not UTF-8 (byte at offset " + std::to_string(*bad) + "): read as Windows-1252");
    converted = utf8::repair_as_windows_1252(text);
    return converted;
}

// Bytes of the space-like character at raw[i], or 0. No-break spaces are
// layout, not content; tabs and control characters are treated as spaces.
std::size_t space_width(std::string_view raw, std::size_t i) {
    auto c = static_cast<unsigned char>(raw[i]);
    if (c == ' ' || c < 0x20 || c == 0x7F) return 1;
    if (raw.substr(i, 2) == "\xC2\xA0") return 2;      // U+00A0 no-break space
    if (raw.substr(i, 3) == "\xE2\x80\xAF") return 3;  // U+202F narrow no-break space
    return 0;
}

// Collapses every run of spaces to one and trims both ends: the scraper's
// indentation and the double spaces left by &nbsp; carry no meaning.
std::string normalise_line(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < raw.size();) {
        if (std::size_t width = space_width(raw, i)) {
            pending_space = !out.empty();
            i += width;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += raw[i++];
    }
    return out;
}

std::vector<Line> split_lines(std::string_view text) {
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // byte order mark
    std::vector<Line> lines;
    for (std::size_t number = 1;; ++number) {
        auto end = text.find_first_of("\r\n", pos);
        lines.push_back({normalise_line(text.substr(pos, end - pos)), number});
        if (end == std::string_view::npos) return lines;
        bool crlf = text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n';
        pos = end + (crlf ? 2 : 1);
    }
}

// ---------------------------------------------------------------------------
// Front matter

struct FrontMatter {
    std::string id, url, source, category, date, title;
    std::vector<std::string> tags;
};

// Removes one pair of matching quotes, as YAML writers tend to add them.
std::string_view unquote(std::string_view s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
        return s.substr(1, s.size() - 2);
    return s;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool is_valid_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
    int year = 0, month = 0, day = 0;
    std::from_chars(y.data(), y.data() + 4, year);
    std::from_chars(m.data(), m.data() + 2, month);
    std::from_chars(d.data(), d.data() + 2, day);
    if (month < 1 || month > 12 || day < 1) return false;
    constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int limit = days[static_cast<std::size_t>(month - 1)] + (month == 2 && is_leap_year(year) ? 1 : 0);
    return day <= limit;
}

// "a, b" or "[a, b]" -> {"a", "b"}; empty items are dropped.
std::vector<std::string> parse_tags(std::string_view value) {
    if (value.starts_with('[') && value.ends_with(']')) value = value.substr(1, value.size() - 2);
    std::vector<std::string> tags;
    for (auto item : split(value, ',')) {
        auto tag = unquote(trim(item));
        if (!tag.empty()) tags.emplace_back(tag);
    }
    return tags;
}

// Stores one `key: value`; an empty value leaves the key absent.
void set_front_matter(FrontMatter& fm, std::string_view key, std::string_view value, const std::string& file,
                      std::size_t line) {
    if (key == "tags") {
        fm.tags = parse_tags(value);
        return;
    }
    if (key == "date" && !value.empty() && !is_valid_date(value))
        throw InputError(file, line, "bad date '" + std::string(value) + "': expected YYYY-MM-DD");
    std::string* field = key == "id"         ? &fm.id
                         : key == "url"      ? &fm.url
                         : key == "source"   ? &fm.source
                         : key == "category" ? &fm.category
                         : key == "date"     ? &fm.date
                         : key == "title"    ? &fm.title
                                             : nullptr;
    if (!field)
        throw InputError(file, line,
                         "unknown front-matter key '" + std::string(key) +
                             "' (known: id, url, source, tags, category, date, title)");
    *field = value;
}

// Reads the front matter if the page starts with a "---" line and returns
// the index of the first line after it (0 when there is none). Blank lines
// and "#" comment lines inside it are ignored.
std::size_t read_front_matter(const std::vector<Line>& lines, const std::string& file, FrontMatter& fm) {
    if (lines.empty() || lines.front().text != "---") return 0;
    std::vector<std::string> seen;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.text == "---") return i + 1;
        if (line.text.empty() || line.text.starts_with('#')) continue;
        auto colon = line.text.find(':');
        auto key = trim(std::string_view(line.text).substr(0, colon));
        if (colon == std::string::npos || key.empty())
            throw InputError(file, line.number, "front-matter line is not 'key: value'");
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            throw InputError(file, line.number, "front-matter key '" + std::string(key) + "' appears twice");
        seen.emplace_back(key);
        auto value = unquote(trim(std::string_view(line.text).substr(colon + 1)));
        set_front_matter(fm, key, value, file, line.number);
    }
    throw InputError(file, lines.front().number, "front matter is not closed by a '---' line");
}

// ---------------------------------------------------------------------------
// Page chrome that is never content

// Drops the closing disclaimer (and anything after it) and a trailing
// "Related Articles" link line.
void drop_page_chrome(std::vector<Line>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        bool starts_paragraph = i == 0 || lines[i - 1].text.empty();
        if (starts_paragraph && lines[i].text.starts_with(disclaimer_start)) {
            lines.resize(i);
            break;
        }
    }
    while (!lines.empty() && lines.back().text.empty()) lines.pop_back();
    if (!lines.empty() && lines.back().text == related_articles) lines.pop_back();
}

// Any "{{ ... }}" line is an unrendered template (vote counters).
bool is_template(std::string_view s) { return s.starts_with("{{") && s.ends_with("}}"); }

// ---------------------------------------------------------------------------
// Paragraphs

struct Paragraph {
    std::vector<Line> lines;
    bool before_template = false;  // a template line came right after it: it heads an answer
};

std::string join_lines(const Paragraph& p, std::string_view separator) {
    std::string out;
    for (const auto& line : p.lines) {
        if (!out.empty()) out += separator;
        out += line.text;
    }
    return out;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += "\n\n";
        out += p;
    }
    return out;
}

// Groups lines into paragraphs at blank lines. A template line is dropped,
// ends the paragraph before it and marks that paragraph as an answer heading.
std::vector<Paragraph> make_paragraphs(std::span<const Line> lines) {
    std::vector<Paragraph> out;
    Paragraph current;
    auto flush = [&] {
        if (!current.lines.empty()) out.push_back(std::move(current));
        current = {};
    };
    for (const auto& line : lines) {
        if (line.text.empty()) {
            flush();
        } else if (is_template(line.text)) {
            flush();
            if (!out.empty()) out.back().before_template = true;
        } else {
            current.lines.push_back(line);
        }
    }
    flush();
    return out;
}

// ---------------------------------------------------------------------------
// Q&A pages

// "Doctor Answers 5" (or "Doctor Answer 1") -> 5.
std::optional<std::int64_t> parse_answers_heading(std::string_view s) {
    for (auto prefix : {std::string_view("Doctor Answers "), std::string_view("Doctor Answer ")})
        if (s.starts_with(prefix)) return page::parse_count(s.substr(prefix.size()));
    return std::nullopt;
}

struct AnswerParts {
    std::string title;
    std::vector<std::string> body;
    page::Attribution attribution;
};

std::optional<page::Attribution> read_attribution(const Paragraph& p) {
    if (p.lines.size() > 3) return std::nullopt;
    std::vector<std::string_view> lines;
    for (const auto& line : p.lines) lines.emplace_back(line.text);
    return page::read_attribution(lines);
}

// The first paragraph of an answer is its title when it is one line and
// body text follows it (a lone paragraph is body, not a title).
bool is_title_paragraph(const std::vector<Paragraph>& paras, std::size_t i) {
    if (paras[i].lines.size() != 1 || i + 1 >= paras.size()) return false;
    const auto& next = paras[i + 1];
    return !next.before_template && !read_attribution(next);
}

// An attribution is the block that precedes the next answer or the page's
// end. An attribution-shaped paragraph followed by another one is a
// doctor's sign-off in the body; so is one followed by more text on a page
// whose answers all start at vote templates.
bool ends_answer(const std::vector<Paragraph>& paras, std::size_t i, bool page_has_templates) {
    if (i + 1 == paras.size() || paras[i + 1].before_template) return true;
    return !page_has_templates && !read_attribution(paras[i + 1]);
}

// Splits the paragraphs after "Doctor Answers N" into answers. An answer
// ends at its attribution block or where a heading followed by a template
// line starts the next one.
std::vector<AnswerParts> split_answers(const std::vector<Paragraph>& paras) {
    const bool has_templates = std::any_of(paras.begin(), paras.end(), [](const Paragraph& p) { return p.before_template; });
    std::vector<AnswerParts> answers;
    bool open = false;  // answers.back() is still collecting paragraphs
    auto start = [&] {
        answers.emplace_back();
        open = true;
    };
    for (std::size_t i = 0; i < paras.size(); ++i) {
        const Paragraph& p = paras[i];
        std::optional<page::Attribution> attribution;
        if (p.before_template) {
            start();
            answers.back().title = join_lines(p, " ");
        } else if (ends_answer(paras, i, has_templates) && (attribution = read_attribution(p))) {
            if (!open) start();
            answers.back().attribution = std::move(*attribution);
            open = false;
        } else if (!open && is_title_paragraph(paras, i)) {
            start();
            answers.back().title = p.lines.front().text;
        } else {
            if (!open) start();
            answers.back().body.push_back(join_lines(p, "\n"));
        }
    }
    return answers;
}

std::string answer_count_mismatch(std::int64_t said, std::size_t found) {
    return "page says " + std::to_string(said) + (said == 1 ? " answer" : " answers") + " but " +
           std::to_string(found) + (found == 1 ? " was found" : " were found");
}

void read_question(std::span<const Line> lines, const Line& heading, const std::string& file, Thread& thread) {
    auto paras = make_paragraphs(lines);
    if (paras.empty()) {
        if (!thread.title.empty()) return;  // the front matter gave it
        throw InputError(file, heading.number, "no question title before the 'Doctor Answers' line");
    }
    // The first line is the title; the rest of its paragraph starts the body.
    Paragraph& first = paras.front();
    if (thread.title.empty()) thread.title = first.lines.front().text;
    first.lines.erase(first.lines.begin());
    std::vector<std::string> body;
    for (const auto& p : paras)
        if (!p.lines.empty()) body.push_back(join_lines(p, "\n"));
    thread.question = join_paragraphs(body);
}

void read_qa_page(const std::vector<Line>& lines, std::size_t heading_index, std::int64_t said,
                  const std::string& file, Thread& thread, PageWarnings* warnings) {
    std::span<const Line> all(lines);
    read_question(all.first(heading_index), lines[heading_index], file, thread);
    auto parts = split_answers(make_paragraphs(all.subspan(heading_index + 1)));
    // One odd line must not cost every answer on the page: keep what was read, and say so.
    if (static_cast<std::size_t>(said) != parts.size() && warnings)
        warnings->emplace_back(file, lines[heading_index].number, answer_count_mismatch(said, parts.size()));
    for (auto& part : parts) {
        Answer a;
        a.id = thread.id + "-a" + std::to_string(thread.answers.size() + 1);
        a.title = std::move(part.title);
        a.body = join_paragraphs(part.body);
        a.author = std::move(part.attribution.author);
        a.specialty = std::move(part.attribution.specialty);
        a.location = std::move(part.attribution.location);
        a.rating = part.attribution.rating;
        a.reviews = part.attribution.reviews;
        thread.answers.push_back(std::move(a));
    }
}

// ---------------------------------------------------------------------------
// Article pages

// The site's name alone on the first line, e.g. "askvity".
bool is_site_name(std::string_view s) {
    if (s.empty() || s.size() > 40 || !is_ascii_lower(s.front())) return false;
    for (char c : s)
        if (!is_ascii_lower(c) && !is_digit(c)) return false;
    return true;
}

// "Published in Facial Muscle Disorders 3 mins read" -> "Facial Muscle Disorders".
std::optional<std::string> parse_published_line(std::string_view s) {
    constexpr std::string_view prefix = "Published in ";
    if (!s.starts_with(prefix)) return std::nullopt;
    s.remove_prefix(prefix.size());
    for (auto unit : {std::string_view(" mins read"), std::string_view(" min read")}) {
        if (!s.ends_with(unit)) continue;
        auto rest = s.substr(0, s.size() - unit.size());
        auto space = rest.rfind(' ');
        if (space == std::string_view::npos || space == 0 || !page::parse_count(rest.substr(space + 1))) return std::nullopt;
        return std::string(rest.substr(0, space));
    }
    return std::nullopt;
}

// Removes and returns the first non-blank line.
std::optional<Line> take_first_line(std::vector<Line>& lines) {
    for (auto it = lines.begin(); it != lines.end(); ++it) {
        if (it->text.empty()) continue;
        Line line = std::move(*it);
        lines.erase(it);
        return line;
    }
    return std::nullopt;
}

void read_article_page(std::vector<Line> lines, const std::string& file, Thread& thread) {
    std::string site;
    auto first = std::find_if(lines.begin(), lines.end(), [](const Line& l) { return !l.text.empty(); });
    if (first != lines.end() && is_site_name(first->text)) {
        site = first->text;
        lines.erase(first);
    }
    for (auto it = lines.begin(); it != lines.end(); ++it) {
        if (auto category = parse_published_line(it->text)) {
            if (thread.category.empty()) thread.category = *category;
            lines.erase(it);
            break;
        }
    }
    if (thread.source.empty()) thread.source = site;

    auto heading = take_first_line(lines);
    if (!heading && thread.title.empty()) throw InputError(file, 0, "no title line");
    if (heading && thread.title.empty()) {
        std::string_view title = heading->text;
        if (title.ends_with(':')) title = trim(title.substr(0, title.size() - 1));
        thread.title = title;
    }

    auto paras = make_paragraphs(lines);
    if (paras.empty()) return;  // a headline alone: a thread without answers
    Answer a;
    a.id = thread.id + "-a1";
    a.author = site;
    std::size_t start = 0;
    if (paras.size() > 1 && paras[0].lines.size() == 1 && paras[0].lines[0].text.ends_with('?'))
        a.title = paras[start++].lines[0].text;
    std::vector<std::string> body;
    for (std::size_t i = start; i < paras.size(); ++i) body.push_back(join_lines(paras[i], "\n"));
    a.body = join_paragraphs(body);
    thread.answers.push_back(std::move(a));
}

// Thread fields from the front matter; the page's own text fills the rest.
Thread thread_from_front_matter(FrontMatter fm, const std::string& default_id) {
    Thread t;
    t.id = fm.id.empty() ? default_id : std::move(fm.id);
    t.url = std::move(fm.url);
    t.source = std::move(fm.source);
    t.title = std::move(fm.title);
    t.tags = std::move(fm.tags);
    t.category = std::move(fm.category);
    t.date = std::move(fm.date);
    return t;
}

// Page chrome, then a Q&A page if a "Doctor Answers N" line says so, else an article.
Thread read_page(std::vector<Line> lines, Thread thread, const std::string& file, PageWarnings* warnings) {
    drop_page_chrome(lines);
    if (std::all_of(lines.begin(), lines.end(), [](const Line& l) { return l.text.empty(); }))
        throw InputError(file, 0, "empty page");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (auto said = parse_answers_heading(lines[i].text)) {
            read_qa_page(lines, i, *said, file, thread, warnings);
            return thread;
        }
    }
    read_article_page(std::move(lines), file, thread);
    return thread;
}

}  // namespace

std::string page_id_from_path(std::string_view relative_path) {
    std::string id(relative_path);
    while (id.starts_with("./")) id.erase(0, 2);
    auto name_start = id.rfind('/');
    name_start = name_start == std::string::npos ? 0 : name_start + 1;
    auto dot = id.rfind('.');
    if (dot != std::string::npos && dot > name_start) id.erase(dot);  // ".hidden" keeps its name
    return id;
}

Thread parse_page(std::string_view text, const std::string& file, const std::string& default_id,
                  PageWarnings* warnings) {
    std::string converted;
    text = as_utf8_text(text, converted, file, warnings);
    auto lines = split_lines(text);
    FrontMatter fm;
    std::size_t start = read_front_matter(lines, file, fm);
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(start));
    return read_page(std::move(lines), thread_from_front_matter(std::move(fm), default_id), file, warnings);
}

Thread parse_page_lines(std::vector<PageLine> lines, Thread thread, const std::string& file, PageWarnings* warnings) {
    for (auto& line : lines) line.text = normalise_line(line.text);
    return read_page(std::move(lines), std::move(thread), file, warnings);
}

}  // namespace qadex
