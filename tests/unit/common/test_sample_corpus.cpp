// The shipped sample corpus (corpus/) parses cleanly in both formats.
#include <catch2/catch.hpp>

#include <set>

#include <qadex/input_files.hpp>
#include <qadex/record_reader.hpp>

#include "test_support.hpp"

using namespace qadex;

TEST_CASE("The sample corpus has at least 40 threads in both formats and no bad record", "[corpus]") {
    std::vector<InputError> problems;
    auto inputs = discover_inputs({(test::source_dir() / "corpus").string()}, problems);
    REQUIRE(problems.empty());
    std::size_t threads = 0, answers = 0, pages = 0, json_threads = 0, with_rating = 0, with_author = 0;
    std::set<std::string> ids;
    for (const auto& input : inputs) {
        RecordReader reader(input);
        RawRecord record;
        while (reader.next(record)) {
            Thread t = parse_record(record, input);  // throws on a bad record, failing the test
            ++threads;
            (input.format == InputFormat::page ? pages : json_threads)++;
            CHECK(ids.insert(t.id).second);
            for (const auto& a : t.answers) {
                ++answers;
                CHECK(ids.insert(a.id).second);
                with_rating += a.rating.has_value();
                with_author += !a.author.empty();
            }
        }
    }
    CHECK(threads >= 40);
    CHECK(pages >= 15);
    CHECK(json_threads >= 15);
    CHECK(answers >= 2 * threads);
    CHECK(with_rating >= answers / 2);
    CHECK(with_author >= answers / 2);
}
