// The document data every search decodes: what the indexer encodes comes
// back field for field, through the fast compact reader and, for JSON
// written any other way, through the general one.
#include <catch2/catch.hpp>

#include <cstdint>

#include <nlohmann/json.hpp>

#include <qadex/error.hpp>
#include <qadex/stored_answer.hpp>
#include <qadex/utf8.hpp>

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

namespace {

// `bytes` of words: "word0 word1 ..." (spaces to cut at).
std::string words(std::size_t bytes) {
    std::string out;
    for (std::size_t i = 0; out.size() < bytes; ++i) out += "word" + std::to_string(i) + " ";
    out.resize(bytes);
    return out;
}

}  // namespace

TEST_CASE("A text's display window is its first 64 KiB, cut after a space or on a character boundary",
          "[stored_answer]") {
    CHECK(text_window_end("") == 0);
    CHECK(text_window_end("short answer") == 12);
    const std::string exact(stored_text_window, 'x');
    CHECK(text_window_end(exact) == stored_text_window);

    const std::string spaced = words(200'000);
    const std::size_t end = text_window_end(spaced);
    CHECK(end <= stored_text_window);
    CHECK(end > stored_text_window - 1024);
    CHECK(spaced[end - 1] == ' ');

    std::string accents;  // 2-byte characters, no space: cut between two of them
    while (accents.size() < 100'000) accents += "\xC3\xA9";
    const std::size_t cut = text_window_end(accents);
    CHECK(cut <= stored_text_window);
    CHECK(cut >= stored_text_window - 3);
    CHECK(cut % 2 == 0);
    std::string cjk;  // 3-byte characters
    while (cjk.size() < 100'000) cjk += "\xE6\xAF\x92";
    CHECK(text_window_end(cjk) % 3 == 0);
}

TEST_CASE("A long body and question are stored as their windows with their whole sizes", "[stored_answer]") {
    Thread t;
    t.id = "long";
    t.title = "A long one";
    t.question = words(100'000);
    Answer a;
    a.id = "long-a1";
    a.body = words(1'000'000);
    t.answers = {a};

    const StoredAnswer made = make_stored_answer(t, a);
    CHECK(made.answer.body == a.body.substr(0, text_window_end(a.body)));
    CHECK(made.question == t.question.substr(0, text_window_end(t.question)));
    CHECK(made.body_bytes == 1'000'000);
    CHECK(made.question_bytes == 100'000);
    CHECK(made.body_cut());
    CHECK(made.question_cut());

    const std::string data = encode_stored_answer(made);
    CHECK(data.size() < 2 * stored_text_window + 200);
    const StoredAnswer read = decode_stored_answer(data);
    CHECK(read.answer.body == made.answer.body);
    CHECK(read.question == made.question);
    CHECK(read.body_bytes == 1'000'000);
    CHECK(read.question_bytes == 100'000);
    CHECK(read.body_cut());

    // An answer that fits is stored as it always was: no sizes, nothing cut.
    Answer small;
    small.id = "small-a1";
    small.body = "A short answer.";
    t.question = "A short question?";
    const std::string plain = encode_stored_answer(make_stored_answer(t, small));
    CHECK(plain.find("blen") == std::string::npos);
    CHECK(plain.find("qlen") == std::string::npos);
    const StoredAnswer back = decode_stored_answer(plain);
    CHECK(back.body_bytes == small.body.size());
    CHECK_FALSE(back.body_cut());
    CHECK_FALSE(back.question_cut());
}

TEST_CASE("Data of older databases, with whole long texts, decodes to the window", "[stored_answer]") {
    const std::string body = words(500'000), question = words(70'000);
    // As the indexer wrote it before the window (compact), and as other JSON (the general reader).
    const std::string compact = nlohmann::json{{"a", "old-a1"}, {"body", body}, {"question", question}, {"t", "old"}}.dump();
    const std::string other = "{\"extra\": {\"n\": [1]}, \"a\": \"old-a1\", \"body\": " + nlohmann::json(body).dump() +
                              ", \"question\": " + nlohmann::json(question).dump() + "}";
    for (const std::string& data : {compact, other}) {
        const StoredAnswer s = decode_stored_answer(data);
        CHECK(s.answer.body == body.substr(0, text_window_end(body)));
        CHECK(s.body_bytes == body.size());
        CHECK(s.question == question.substr(0, text_window_end(question)));
        CHECK(s.question_bytes == question.size());
    }
    // Escapes before and across the window's end are counted whole and cut cleanly.
    std::string escaped;
    while (escaped.size() < 200'000) escaped += "a\nb\"\u00e9 ";
    const StoredAnswer e = decode_stored_answer(nlohmann::json{{"a", "x"}, {"body", escaped}}.dump());
    CHECK(e.answer.body == escaped.substr(0, text_window_end(escaped)));
    CHECK(e.body_bytes == escaped.size());
}

TEST_CASE("Hostile numbers in stored data are clamped, never undefined", "[stored_answer]") {
    const StoredAnswer s = decode_stored_answer("{\"a\":\"x\",\"n\":1e300,\"blen\":-5,\"reviews\":-1e300}");
    CHECK(s.thread_answers == static_cast<std::size_t>(INT64_MAX));
    CHECK(s.body_bytes == 0);
    CHECK(s.answer.reviews == INT64_MIN);
    // The general reader (a nested object): an unsigned beyond int64, a huge float.
    const StoredAnswer general =
        decode_stored_answer("{\"extra\":{},\"a\":\"x\",\"n\":18446744073709551615,\"votes\":1e300}");
    CHECK(general.thread_answers == static_cast<std::size_t>(INT64_MAX));
    CHECK(general.answer.votes == INT64_MAX);
}

TEST_CASE("The rest of a long text is stored compressed and comes back whole", "[stored_answer]") {
    const std::string rest = words(300'000);
    const std::string stored = encode_text_rest(rest);
    CHECK(stored.size() < rest.size() / 2);
    CHECK(decode_text_rest(stored) == rest);
    CHECK(decode_text_rest(encode_text_rest("")).empty());
    CHECK_THROWS_AS(decode_text_rest("not compressed"), Error);
    CHECK_THROWS_AS(decode_text_rest(stored.substr(0, stored.size() / 2)), Error);
}

TEST_CASE("Stored numbers out of every integer's range decode clamped (fuzz_stored_answer)", "[stored_answer]") {
    // Found by fuzz_stored_answer: a double like 1e308 cast to an integer is
    // undefined behaviour (UBSan in the sanitizer pass flags it).
    const qadex::StoredAnswer s =
        qadex::decode_stored_answer(R"({"a":"x","body":"b","reviews":1e308,"votes":-1e308,"rating":4.5})");
    CHECK(s.answer.reviews == INT64_MAX);
    CHECK(s.answer.votes == INT64_MIN);
}

TEST_CASE("Stored text that is not UTF-8 decodes repaired, and encodes and decodes the same again (fuzz_stored_answer)",
          "[stored_answer]") {
    // Found by fuzz_stored_answer: a body of raw 0xF3 bytes (44 bytes) after a
    // longer duplicate "body" (100) decoded unrepaired, so the first encode
    // wrote "blen":100; its U+FFFD made the body 124 bytes, and the second
    // encode dropped the "blen".
    const std::string data = R"({"a":"x","body":")" + std::string(100, 'b') + R"(","body":"ab)" +
                             std::string(40, '\xF3') + R"(cd","author":"Dr. )" + "\xC3" + R"("})";
    const StoredAnswer s = decode_stored_answer(data);
    CHECK(utf8::is_valid(s.answer.body));
    CHECK(utf8::is_valid(s.answer.author));
    CHECK(s.answer.body.rfind("ab\xEF\xBF\xBD", 0) == 0);
    const std::string once = encode_stored_answer(s);
    CHECK(encode_stored_answer(decode_stored_answer(once)) == once);
}

TEST_CASE("Stored integers beyond a double's precision decode exactly on both readers (fuzz_stored_answer)",
          "[stored_answer]") {
    // Found by fuzz_stored_answer: with an escape that only the general
    // reader takes (a surrogate pair), 466666666666666666 was read exactly;
    // written back and read by the compact reader, through a double, it
    // became 466666666666666688.
    const StoredAnswer general = decode_stored_answer(R"({"a":"\ud83d\ude00","reviews":466666666666666666})");
    CHECK(general.answer.reviews == 466666666666666666);
    const StoredAnswer compact = decode_stored_answer(R"({"a":"x","reviews":466666666666666666,"votes":-466666666666666667})");
    CHECK(compact.answer.reviews == 466666666666666666);
    CHECK(compact.answer.votes == -466666666666666667);
    const std::string once = encode_stored_answer(general);
    CHECK(encode_stored_answer(decode_stored_answer(once)) == once);
    // Beyond int64 both clamp alike.
    CHECK(decode_stored_answer(R"({"a":"x","reviews":99999999999999999999})").answer.reviews == INT64_MAX);
    CHECK(decode_stored_answer(R"({"a":"\ud83d\ude00","reviews":99999999999999999999})").answer.reviews == INT64_MAX);
}
