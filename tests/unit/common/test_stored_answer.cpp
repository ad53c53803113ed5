// The document data every search decodes: what the indexer encodes comes
// back field for field, through the fast compact reader and, for JSON
// written any other way, through the general one.
#include <catch2/catch.hpp>

#include <qadex/error.hpp>
#include <qadex/stored_answer.hpp>

using namespace qadex;

namespace {

StoredAnswer sample() {
    StoredAnswer s;
    s.thread_id = "thr-1";
    s.url = "https://answers.example.org/q/1?a=b&c=\"d\"";
    s.source = "sample";
    s.title = "Does Botox \"freeze\" C:\\faces?";
    s.question = "Line one\nline two\ttabbed \x01 control, naïve 毒素 😀";
    s.category = "treatment";
    s.date = "2024-05-01";
    s.tags = {"botox", "botulinum toxin", ""};
    s.thread_answers = 3;
    s.answer.id = "thr-1-a2";
    s.answer.title = "";
    s.answer.body = std::string("Body with \\ backslash, \"quotes\", </script> and \x1f unit separator.\n\nEnd.");
    s.answer.author = "Dr. Ümit O'Neil";
    s.answer.rating = 4.75;
    s.answer.reviews = 132;
    s.answer.votes = 0;
    return s;
}

void check_same(const StoredAnswer& a, const StoredAnswer& b) {
    CHECK(a.thread_id == b.thread_id);
    CHECK(a.url == b.url);
    CHECK(a.source == b.source);
    CHECK(a.title == b.title);
    CHECK(a.question == b.question);
    CHECK(a.category == b.category);
    CHECK(a.date == b.date);
    CHECK(a.tags == b.tags);
    CHECK(a.thread_answers == b.thread_answers);
    CHECK(a.answer == b.answer);
}

}  // namespace

TEST_CASE("Stored answers decode to exactly what was encoded", "[stored_answer]") {
    const StoredAnswer original = sample();
    const std::string data = encode_stored_answer(original);
    check_same(decode_stored_answer(data), original);

    StoredAnswer minimal;
    minimal.answer.id = "only-id";
    check_same(decode_stored_answer(encode_stored_answer(minimal)), minimal);
}

TEST_CASE("Stored answers written as other valid JSON decode the same", "[stored_answer]") {
    // Spaces, other key order, unknown keys, escaped slashes and a surrogate
    // pair: not what the indexer writes, but still the same answer.
    const std::string spaced =
        "{ \"a\" : \"x-1\" , \"extra\" : {\"nested\": [1, 2]}, \"title\": \"A\\/B \\ud83d\\ude00\","
        " \"tags\": [ \"t1\" , \"t2\" ], \"rating\": 4, \"reviews\": 7, \"n\": 2 }";
    const StoredAnswer s = decode_stored_answer(spaced);
    CHECK(s.answer.id == "x-1");
    CHECK(s.title == "A/B \xF0\x9F\x98\x80");
    CHECK(s.tags == std::vector<std::string>{"t1", "t2"});
    CHECK(s.answer.rating == 4.0);
    CHECK(s.answer.reviews == 7);
    CHECK(s.thread_answers == 2);
}

TEST_CASE("Data that is not a stored answer is refused with an error", "[stored_answer]") {
    for (const char* junk : {"", "{}", "[1]", "nul", "{\"a\":1}", "{\"a\":\"x\"", "{\"a\":\"x\"} trailing",
                             "{\"a\":\"bad \\q escape\"}", "{\"t\":\"no answer id\"}"}) {
        INFO(junk);
        CHECK_THROWS_AS(decode_stored_answer(junk), Error);
    }
}
