// A thread as qadex-search --thread prints it (searcher/output/thread_output):
// a page of at most 500 answers that says which they are and how to see the
// others, and an answer cut to its display window that says so (issue 21).
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "output/thread_output.hpp"

using namespace qadex;

namespace {

// Page `page` of a thread of `total` answers, 500 a page, as SearchEngine::thread gives it.
ThreadPage thread_page(std::size_t total, std::size_t page) {
    ThreadPage t;
    t.total = total;
    t.page = page;
    t.question.thread_id = "big";
    t.question.title = "A popular question";
    t.question.question = "Why?";
    for (std::size_t n = (page - 1) * t.per_page + 1; n <= std::min(total, page * t.per_page); ++n) {
        StoredAnswer a = t.question;
        a.answer.id = "big-a" + std::to_string(n);
        a.answer.author = "Dr. " + std::to_string(n);
        a.answer.body = "Answer " + std::to_string(n) + ".";
        a.body_bytes = a.answer.body.size();
        t.answers.push_back(a);
    }
    return t;
}

std::string text_of(const ThreadPage& t) {
    std::ostringstream out;
    write_thread_text(out, t, SearchResult{});
    return out.str();
}

nlohmann::json json_of(const ThreadPage& t) {
    std::ostringstream out;
    write_thread_json(out, t, SearchResult{});
    return nlohmann::json::parse(out.str());
}

}  // namespace

TEST_CASE("A thread of one page says how many answers it has, as before", "[output][thread]") {
    const std::string text = text_of(thread_page(3, 1));
    CHECK(text == "A popular question\n\nWhy?\n\n3 answers\n\n1. Dr. 1\n   Answer 1.\n\n2. Dr. 2\n   Answer 2.\n\n"
                  "3. Dr. 3\n   Answer 3.\n\n");
    const auto j = json_of(thread_page(1, 1));
    CHECK(j["answer_count"] == 1);
    CHECK(j["page"] == 1);
    CHECK(j["per_page"] == 500);
    CHECK(j["answers"][0]["body_cut"] == false);
    CHECK(j["answers"][0]["body_bytes"] == 9);  // "Answer 1."
    CHECK(j["question_cut"] == false);
}

TEST_CASE("A thread of many pages shows one, numbered, and says which and how to see the others", "[output][thread]") {
    const std::string second = text_of(thread_page(1200, 2));
    CHECK(second.find("\nAnswers 501-1000 of 1200 (page 2 of 3)\n\n501. Dr. 501\n   Answer 501.\n") != std::string::npos);
    CHECK(second.find("\n1000. Dr. 1000\n") != std::string::npos);
    CHECK(second.find("Dr. 1001") == std::string::npos);
    CHECK(second.find("Other pages: --page N, N from 1 to 3 (500 answers a page)\n") != std::string::npos);

    const std::string past = text_of(thread_page(1200, 4));
    CHECK(past.find("\nNo answers on page 4: the question has 1200 answers, 3 pages of 500\n") != std::string::npos);

    const auto j = json_of(thread_page(1200, 3));
    CHECK(j["answer_count"] == 1200);
    CHECK(j["page"] == 3);
    CHECK(j["answers"].size() == 200);
    CHECK(j["answers"][0]["answer_id"] == "big-a1001");
    CHECK(j["title"] == "A popular question");
}

TEST_CASE("An answer or question cut to its window says so, with the whole size", "[output][thread]") {
    ThreadPage t = thread_page(1, 1);
    t.answers[0].body_bytes = 8'400'000;
    t.answers[0].answer.body = std::string(65'530, 'x');
    t.question.question_bytes = 100'000;
    const std::string text = text_of(t);
    CHECK(text.find("   [answer cut here (the first 65,530 bytes of 8,400,000)]\n") != std::string::npos);
    CHECK(text.find("Why?\n[question cut here (the first 4 bytes of 100,000)]\n") != std::string::npos);
    const auto j = json_of(t);
    CHECK(j["answers"][0]["body_cut"] == true);
    CHECK(j["answers"][0]["body_bytes"] == 8'400'000);
    CHECK(j["answers"][0]["body"].get<std::string>().size() == 65'530);
    CHECK(j["question_cut"] == true);
}
