// Rendering a SearchResult for people (text) and programs (JSON, JSON Lines).
#pragma once

#include <ostream>
#include <string>

#include "engine/search_engine.hpp"

namespace qadex {

class JsonWriter;

struct TextStyle {
    bool color = false;  // ANSI bold highlights; only when stdout is a terminal
};

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result, TextStyle style);

// One JSON object (the schema of docs/SEARCH_JSON.md), then a newline. A
// non-empty `qid` (--batch) is added as the object's first member.
void write_json(std::ostream& out, const SearchRequest& request, const SearchResult& result,
                const std::string& qid = "");

// One JSON object per hit, one per line (with "qid" first when given).
void write_jsonl(std::ostream& out, const SearchResult& result, const std::string& qid = "");

// TREC run lines: "qid Q0 answer_id rank score qadex", one per hit.
void write_trec(std::ostream& out, const std::string& qid, const SearchResult& result);

// The members of one result object (docs/SEARCH_JSON.md, "A result"),
// written inside an object `w` has open; "explanation" only when `explain`.
void write_result_fields(JsonWriter& w, const SearchHit& hit, bool explain);

// An answer's "answer_title", "author", "specialty", "location", "rating",
// "reviews" and "votes" (null when unknown), as a result and a thread show them.
void write_answer_title_and_attribution(JsonWriter& w, const Answer& a);

// "4.4/5 (7 reviews)", or "" without a rating.
std::string answer_rating(const Answer& answer);
// "Harold J. Kaplan, MD · Facial Plastic Surgeon · Los Angeles · 4.4/5 (7 reviews)";
// answers that name nobody are credited to their source.
std::string answer_byline(const StoredAnswer& stored);
// One line per facet field: "specialty: Dermatologist (4), Neurologist (2)".
void write_facet_lines(std::ostream& out, const SearchResult& result);

}  // namespace qadex
