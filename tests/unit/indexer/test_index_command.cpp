// qadex-index's command line (index_command.hpp): how --db is read.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "index_command.hpp"

using namespace qadex;

namespace {

std::string database_of(const std::string& db) {
    const char* argv[] = {"qadex-index", "--db", db.c_str(), "input.jsonl"};
    std::ostringstream out;
    auto options = parse_index_command(4, argv, out);
    REQUIRE(options);
    return options->database;
}

}  // namespace

TEST_CASE("Every spelling of --db names the database itself, never a path inside it", "[indexer][lock]") {
    // The lock (PATH.lock) and the temporaries (PATH.rebuild...) go beside
    // PATH: "db/" must not put them in db/.lock and db/.rebuild.
    for (const char* spelling : {"db", "db/", "db//", "db/.", "db/./", "db/./."}) {
        INFO(spelling);
        CHECK(database_of(spelling) == "db");
    }
    CHECK(database_of("/srv/qa/index/") == "/srv/qa/index");
    CHECK(database_of("/") == "/");
    CHECK(database_of("./db") == "./db");
    const std::string here = std::filesystem::current_path().string();
    CHECK(database_of(".") == here);
    CHECK(database_of("./") == here);
    CHECK(database_of("db/..") == here);
}
