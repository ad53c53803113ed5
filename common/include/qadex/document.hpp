// The document model shared by every reader, the indexer and the searcher:
// a thread is one question with the answers given to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qadex {

// One expert's answer. The answer, not the thread, is the unit of retrieval.
struct Answer {
    std::string id;         // unique across the whole index
    std::string title;      // the answer's own headline, often empty
    std::string body;       // plain text, paragraphs separated by "\n\n"
    std::string author;     // e.g. "Harold J. Kaplan, MD"; empty when the page names nobody
    std::string specialty;  // e.g. "Facial Plastic Surgeon"
    std::string location;   // e.g. "Los Angeles"
    std::optional<double> rating;        // 0..5 stars of the author
    std::optional<std::int64_t> reviews; // number of reviews behind the rating
    std::optional<std::int64_t> votes;   // helpfulness votes on this answer
    std::string date;       // ISO 8601 "YYYY-MM-DD", or empty

    bool operator==(const Answer&) const = default;
};

// A question with its answers, as one input record describes it.
struct Thread {
    std::string id;        // stable identity: re-indexing the same id replaces the thread
    std::string url;
    std::string source;    // the site or collection the thread comes from
    std::string title;     // the question as a headline
    std::string question;  // the question's body, often empty
    std::vector<std::string> tags;
    std::string category;  // question type or topic, e.g. "treatment"
    std::string date;      // ISO 8601 "YYYY-MM-DD", or empty
    std::vector<Answer> answers;

    bool operator==(const Thread&) const = default;
};

}  // namespace qadex
