// Text and JSON rendering of search results (see result_output.hpp).
#include "output/result_output.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "output/display_text.hpp"
#include "output/highlight.hpp"
#include "output/json_writer.hpp"

#include <qadex/utf8.hpp>

namespace qadex {

std::string answer_rating(const Answer& a) {
    if (!a.rating) return {};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f/5", *a.rating);
    std::string s = buf;
    if (a.reviews) s += " (" + std::to_string(*a.reviews) + (*a.reviews == 1 ? " review)" : " reviews)");
    return s;
}

std::string answer_byline(const StoredAnswer& stored) {
    const Answer& a = stored.answer;
    std::string line;
    for (const std::string& part : {a.author, a.specialty, a.location, answer_rating(a)}) {
        if (part.empty()) continue;
        if (!line.empty()) line += " · ";
        line += part;
    }
    if (line.empty()) return stored.source.empty() ? "unnamed expert" : stored.source;
    return line;
}

namespace {

double rounded(double x, double scale) { return std::round(x * scale) / scale; }

template <typename T>
void optional_field(JsonWriter& w, std::string_view name, const std::optional<T>& v) {
    w.key(name);
    if (v) w.value(*v);
    else w.null();
}

}  // namespace

void write_answer_title_and_attribution(JsonWriter& w, const Answer& a) {
    w.field("answer_title", utf8::repair(a.title))
        .field("author", utf8::repair(a.author))
        .field("specialty", utf8::repair(a.specialty))
        .field("location", utf8::repair(a.location));
    optional_field(w, "rating", a.rating);
    optional_field(w, "reviews", a.reviews);
    optional_field(w, "votes", a.votes);
}

namespace {

// The fields of one result (docs/SEARCH_JSON.md), inside an open object.
void hit_fields(JsonWriter& w, const SearchHit& h, bool explain) {
    const Answer& a = h.stored.answer;
    w.field("rank", h.rank)
        .field("score", rounded(h.score, 10000))
        .field("percent", h.percent)
        .field("thread_id", utf8::repair(h.stored.thread_id))
        .field("answer_id", utf8::repair(a.id))
        .field("title", utf8::repair(h.stored.title))
        .field("url", utf8::repair(h.stored.url))
        .field("source", utf8::repair(h.stored.source))
        .field("category", utf8::repair(h.stored.category));
    write_answer_title_and_attribution(w, a);
    w.field("date", utf8::repair(a.date.empty() ? h.stored.date : a.date))
        .field("snippet", utf8::repair(h.snippet.text))
        .field("snippet_html", utf8::repair(render_highlighted(h.snippet, "<mark>", "</mark>", escape_html_text)))
        .field("more_answers", h.more_answers);
    if (!explain) return;
    w.key("explanation").begin_array();
    for (const auto& t : h.explanation)
        w.begin_object()
            .field("term", utf8::repair(t.term))
            .field("field", utf8::repair(t.field))
            .field("weight", rounded(t.weight, 10000))
            .field("wdf", t.wdf)
            .end_object();
    w.end_array();
}

}  // namespace

void write_result_fields(JsonWriter& w, const SearchHit& hit, bool explain) { hit_fields(w, hit, explain); }

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result, TextStyle style) {
    for (const auto& notice : result.notices) out << "note: " << terminal_text(notice) << '\n';
    if (result.similar_to)
        out << "Related questions: like \"" << terminal_text(result.similar_to->title) << "\" ("
            << terminal_text(result.similar_to->answer.id) << ")\n";
    if (result.auto_corrected)
        out << "Showing answers for \"" << terminal_text(result.corrected) << "\" (spelling corrected); use --no-spelling to search for \""
            << terminal_text(result.query) << "\" as typed.\n";
    else if (!result.corrected.empty())
        out << "Did you mean: " << terminal_text(result.corrected) << "\n";
    if (result.hits.empty()) {
        if (result.similar_to) out << "No related questions found.\n";
        else if (result.query.find_first_not_of(" \t\r\n") == std::string::npos) out << "No answers match the filters.\n";
        else out << "No answers found for \"" << terminal_text(result.query) << "\".\n";
        return;
    }
    const std::string bold = style.color ? "\033[1m" : "", normal = style.color ? "\033[0m" : "";
    const std::string hi_on = style.color ? "\033[1;33m" : "**", hi_off = style.color ? "\033[0m" : "**";
    std::size_t first = result.hits.front().rank, last = result.hits.back().rank;
    out << "Answers " << first << "-" << last << (result.total_exact ? " of " : " of about ") << result.total_estimate
        << (request.collapse ? " (best answer per question)" : "") << "\n\n";
    for (const auto& h : result.hits) {
        char score[48];
        std::snprintf(score, sizeof score, "  [%d%%]", h.percent);
        out << h.rank << ". " << bold << terminal_text(h.stored.title) << normal << score << '\n';
        out << "   " << terminal_text(answer_byline(h.stored)) << '\n';
        std::string snippet = render_highlighted(h.snippet, hi_on, hi_off, terminal_text);
        for (char& c : snippet)
            if (c == '\n') c = ' ';
        out << "   " << snippet << '\n';
        if (!h.stored.url.empty()) out << "   " << terminal_text(h.stored.url) << '\n';
        if (request.explain) {
            out << "   why:";
            for (const auto& t : h.explanation) {
                char w[48];
                std::snprintf(w, sizeof w, " %.3f", t.weight);
                out << ' ' << t.field << ':' << terminal_text(t.term) << w;
                if (t.wdf) out << " (x" << t.wdf << ')';
            }
            out << '\n';
        }
        if (h.more_answers > 0)
            out << "   +" << h.more_answers << " more answer" << (h.more_answers == 1 ? "" : "s")
                << " to this question\n";
        out << '\n';
    }
    if (request.facets) write_facet_lines(out, result);
}

void write_facet_lines(std::ostream& out, const SearchResult& result) {
    for (const auto& [field, values] : result.facets) {
        out << field << ':';
        if (values.empty()) out << " (none)";
        for (std::size_t i = 0; i < values.size(); ++i)
            out << (i ? ", " : " ") << terminal_text(values[i].value) << " (" << values[i].count << ')';
        out << '\n';
    }
}

void write_json(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                const std::string& qid) {
    std::string text;
    JsonWriter w(text);
    w.begin_object();
    if (!qid.empty()) w.field("qid", utf8::repair(qid));
    w.field("query", utf8::repair(result.query)).field("interpreted_query", utf8::repair(result.interpreted));
    if (result.similar_to) {
        const StoredAnswer& seed = *result.similar_to;
        w.key("similar_to").begin_object()
            .field("thread_id", utf8::repair(seed.thread_id))
            .field("answer_id", utf8::repair(seed.answer.id))
            .field("title", utf8::repair(seed.title))
            .end_object();
    }
    w.key("corrected_query");
    if (result.corrected.empty()) w.null();
    else w.value(utf8::repair(result.corrected));
    w.field("auto_corrected", result.auto_corrected);
    w.key("notices").begin_array();
    for (const auto& n : result.notices) w.value(utf8::repair(n));
    w.end_array();
    w.field("total_estimate", result.total_estimate).field("total_exact", result.total_exact).field("page", request.page).field("per_page", request.per_page);
    w.key("results").begin_array();
    for (const auto& h : result.hits) {
        w.begin_object();
        hit_fields(w, h, request.explain);
        w.end_object();
    }
    w.end_array();
    w.key("facets").begin_object();
    for (const auto& [field, values] : result.facets) {
        w.key(utf8::repair(field)).begin_array();
        for (const auto& v : values) w.begin_object().field("value", utf8::repair(v.value)).field("count", v.count).end_object();
        w.end_array();
    }
    w.end_object();
    w.field("took_ms", rounded(result.took_ms, 1000)).end_object();
    text += '\n';
    out << text;
}

void write_jsonl(std::ostream& out, const SearchResult& result, const std::string& qid) {
    std::string text;
    for (const auto& h : result.hits) {
        JsonWriter w(text);
        w.begin_object();
        if (!qid.empty()) w.field("qid", utf8::repair(qid));
        hit_fields(w, h, !h.explanation.empty());
        w.end_object();
        text += '\n';
    }
    out << text;
}

void write_trec(std::ostream& out, const std::string& qid, const SearchResult& result) {
    // TREC tools split on whitespace: ids must not contain any.
    auto token = [](std::string s) {
        for (char& c : s)
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = '_';
        return s.empty() ? std::string("-") : s;
    };
    char score[32];
    for (const auto& h : result.hits) {
        std::snprintf(score, sizeof score, "%.6f", h.score);
        out << token(qid) << " Q0 " << token(utf8::repair(h.stored.answer.id)) << ' ' << h.rank << ' ' << score << " qadex\n";
    }
}

}  // namespace qadex
