// JSON Lines records: exact fields of good records, exact messages for bad ones.
#include <catch2/catch.hpp>

#include <qadex/error.hpp>
#include <qadex/thread_json.hpp>

using qadex::InputError;
using qadex::parse_thread_json;

namespace {

std::string error_of(const std::string& line) {
    try {
        parse_thread_json(line, "in.jsonl", 7);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("A full JSON Lines record yields every thread and answer field", "[jsonl]") {
    std::string line = R"({"id":"t1","url":"https://x.example/q/1","source":"site","title":"Botox and atrophy?",)"
                       R"("question":"Does it shrink muscles?","tags":["botox","atrophy"],"category":"side effects",)"
                       R"("date":"2025-03-14","answers":[{"id":"t1-a1","title":"Short answer","body":"Yes, a little.",)"
                       R"("author":"Ann Lee, MD","specialty":"Dermatologist","location":"Los Angeles","rating":4.5,)"
                       R"("reviews":12,"votes":-2,"date":"2025-03-15T10:00:00Z"},{"id":"t1-a2","body":"No."}],)"
                       R"("unknown_field":{"ignored":true}})";
    qadex::Thread t = parse_thread_json(line, "in.jsonl", 1);
    CHECK(t.id == "t1");
    CHECK(t.url == "https://x.example/q/1");
    CHECK(t.source == "site");
    CHECK(t.title == "Botox and atrophy?");
    CHECK(t.question == "Does it shrink muscles?");
    CHECK(t.tags == std::vector<std::string>{"botox", "atrophy"});
    CHECK(t.category == "side effects");
    CHECK(t.date == "2025-03-14");
    REQUIRE(t.answers.size() == 2);
    const auto& a = t.answers[0];
    CHECK(a.id == "t1-a1");
    CHECK(a.title == "Short answer");
    CHECK(a.body == "Yes, a little.");
    CHECK(a.author == "Ann Lee, MD");
    CHECK(a.specialty == "Dermatologist");
    CHECK(a.location == "Los Angeles");
    CHECK(a.rating == 4.5);
    CHECK(a.reviews == 12);
    CHECK(a.votes == -2);
    CHECK(a.date == "2025-03-15");
    CHECK(t.answers[1].id == "t1-a2");
    CHECK_FALSE(t.answers[1].rating.has_value());
}

TEST_CASE("Null fields read as absent and a thread may have no answers yet", "[jsonl]") {
    auto t = parse_thread_json(R"({"id":"q","title":null,"tags":null,"answers":[]})", "f", 1);
    CHECK(t.title.empty());
    CHECK(t.tags.empty());
    CHECK(t.answers.empty());
}

TEST_CASE("A bad JSON Lines record is reported as FILE:LINE: reason", "[jsonl]") {
    struct Row {
        std::string line, message;
    };
    const Row rows[] = {
        {R"({"id": "x", "answers": [)", "in.jsonl:7: invalid JSON at byte 25: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
        {R"(["not", "an object"])", "in.jsonl:7: a record must be a JSON object, not an array"},
        {R"({"answers": []})", "in.jsonl:7: missing required field 'id'"},
        {R"({"id": "", "answers": []})", "in.jsonl:7: field 'id' is empty"},
        {R"({"id": 4.5, "answers": []})", "in.jsonl:7: field 'id' must be a string, not a number"},
        {R"({"id": true, "answers": []})", "in.jsonl:7: field 'id' must be a string, not a boolean"},
        {R"({"id": "x"})", "in.jsonl:7: missing required field 'answers'"},
        {R"({"id": "x", "answers": {}})", "in.jsonl:7: field 'answers' must be an array, not an object"},
        {R"({"id": "x", "title": true, "answers": []})", "in.jsonl:7: field 'title' must be a string, not a boolean"},
        {R"({"id": "x", "title": ["x"], "answers": []})", "in.jsonl:7: field 'title' must be a string, not an array"},
        {R"({"id": "x", "tags": {"a": 1}, "answers": []})", "in.jsonl:7: field 'tags' must be an array of strings, not an object"},
        {R"({"id": "x", "tags": ["a", [1]], "answers": []})", "in.jsonl:7: field 'tags' must hold only strings, not an array"},
        {R"({"id": "x", "date": "14/03/2025", "answers": []})", "in.jsonl:7: field 'date' must be a date YYYY-MM-DD, not \"14/03/2025\""},
        {R"({"id": "x", "answers": ["text"]})", "in.jsonl:7: answer 1: must be an object, not a string"},
        {R"({"id": "x", "answers": [{"body": "b"}]})", "in.jsonl:7: answer 1: missing required field 'id'"},
        {R"({"id": "x", "answers": [{"id": "a"}]})", "in.jsonl:7: answer 'a': missing required field 'body'"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "rating": "five"}]})", "in.jsonl:7: answer 'a': field 'rating' must be a number, not a string of other text"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "rating": "4.5 stars"}]})", "in.jsonl:7: answer 'a': field 'rating' must be a number, not a string of other text"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "rating": "7"}]})", "in.jsonl:7: answer 'a': field 'rating' must be between 0 and 5"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "rating": false}]})", "in.jsonl:7: answer 'a': field 'rating' must be a number, not a boolean"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "reviews": "12 reviews"}]})", "in.jsonl:7: answer 'a': field 'reviews' must be a whole number, not a string of other text"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "reviews": "1.5"}]})", "in.jsonl:7: answer 'a': field 'reviews' must be a whole number, not a string of other text"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "reviews": "-2"}]})", "in.jsonl:7: answer 'a': field 'reviews' must not be negative"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "rating": 7}]})", "in.jsonl:7: answer 'a': field 'rating' must be between 0 and 5"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "reviews": 1.5}]})", "in.jsonl:7: answer 'a': field 'reviews' must be a whole number, not a number"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b", "reviews": -1}]})", "in.jsonl:7: answer 'a': field 'reviews' must not be negative"},
        {R"({"id": "x", "answers": [{"id": "a", "body": "b"}, {"id": "a", "body": "c"}]})", "in.jsonl:7: answer id 'a' appears twice"},
        {"{\"id\": \"x\xff\", \"answers\": []}", "in.jsonl:7: invalid UTF-8 at byte 10"},
        {std::string(40, '[') + std::string(40, ']'), "in.jsonl:7: JSON nested deeper than 32 levels"},
    };
    for (const auto& row : rows) {
        INFO(row.line);
        CHECK(error_of(row.line) == row.message);
    }
}

TEST_CASE("Numbers written as text and text written as numbers are read as Elasticsearch coerces them", "[jsonl]") {
    // Spreadsheet and scraper exports: ids and zip codes as numbers, ratings
    // and counts as strings, a single tag as a string. Each cost the record.
    auto t = parse_thread_json(
        R"({"id": 42, "title": 3, "tags": "acne", "answers": [{"id": 7, "body": 12, "location": 90210, "rating": " 4.5 ",)"
        R"( "reviews": "12", "votes": "-3"}, {"id": "b", "body": "x", "rating": "5", "reviews": 4}]})",
        "f", 1);
    CHECK(t.id == "42");
    CHECK(t.title == "3");
    CHECK(t.tags == std::vector<std::string>{"acne"});
    REQUIRE(t.answers.size() == 2);
    const auto& a = t.answers[0];
    CHECK(a.id == "7");
    CHECK(a.body == "12");
    CHECK(a.location == "90210");
    CHECK(a.rating == 4.5);
    CHECK(a.reviews == 12);
    CHECK(a.votes == -3);
    CHECK(t.answers[1].rating == 5.0);
    CHECK(t.answers[1].reviews == 4);
    CHECK(parse_thread_json(R"({"id": "x", "tags": ["a", 1, 2.5], "answers": []})", "f", 1).tags ==
          std::vector<std::string>{"a", "1", "2.5"});
}

TEST_CASE("A thread written as JSON reads back identical", "[jsonl]") {
    qadex::Thread t;
    t.id = "t";
    t.title = "Naïve question";
    t.tags = {"x"};
    t.answers.push_back({"a1", "", "Body", "Dr. Who", "Neurologist", "Salt Lake City", 4.9, 3, 0, "2024-01-02"});
    CHECK(parse_thread_json(qadex::thread_to_json(t), "f", 1) == t);
}

TEST_CASE("A number too large for a double is the record's error, not the run's (fuzz_jsonl_reader)", "[jsonl]") {
    // Found by fuzz_jsonl_reader: nlohmann's out_of_range escaped as an
    // exception no reader caught.
    CHECK(error_of(R"({"id":"x","answers":[{"id":"x-a","body":"b","rating":71e308}]})") ==
          "in.jsonl:7: invalid JSON: number overflow parsing '71e308'");
}
