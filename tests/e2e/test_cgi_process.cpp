// qadex.cgi and qadex-search as a web server runs them: real processes with a
// CGI environment and nothing else (env -i), on a database built from corpus/.
// tests/e2e/web/ runs the same programs behind a real lighttpd.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace qadex;

namespace {

// Runs `tool` with exactly these environment variables.
test::ProcessResult run_cgi(const std::string& tool, std::vector<std::string> env, const std::string& body = {},
                            std::vector<std::string> args = {}) {
    std::vector<std::string> argv{"/usr/bin/env", "-i"};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.push_back(tool);
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_process(argv, body);
}

std::string corpus_db(const test::TempDir& dir) {
    auto db = (dir / "db").string();
    auto r = test::run_process({test::index_tool(), "--db", db, "--quiet", (test::source_dir() / "corpus").string()});
    REQUIRE(r.exit_code == 0);
    return db;
}

std::string head(const std::string& response) { return response.substr(0, response.find("\r\n\r\n")); }
std::string body(const std::string& response) {
    auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? "" : response.substr(end + 4);
}

}  // namespace

TEST_CASE("qadex.cgi without QADEX_DB in its environment answers 503 and says why in the log", "[cgi]") {
    auto r = run_cgi(test::cgi_tool(), {"GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=GET", "QUERY_STRING=q=botox"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("Status: 503 Service Unavailable\r\n", 0) == 0);
    CHECK(head(r.out).find("\r\nRetry-After: 30") != std::string::npos);
    CHECK(body(r.out).find("QADEX_DB") == std::string::npos);
    CHECK(r.err.find("QADEX_DB is not set") != std::string::npos);
}

TEST_CASE("qadex.cgi answers a GET with headers, Content-Length and the page", "[cgi]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    auto r = run_cgi(test::cgi_tool(), {"QADEX_DB=" + db, "REQUEST_METHOD=GET", "QUERY_STRING=q=botox&format=json"});
    REQUIRE(r.out.rfind("Status: 200 OK\r\nContent-Type: application/json\r\n", 0) == 0);
    CHECK(head(r.out).find("Content-Length: " + std::to_string(body(r.out).size())) != std::string::npos);
    auto j = nlohmann::json::parse(body(r.out));
    CHECK(j["query"] == "botox");
    CHECK_FALSE(j["results"].empty());
}

TEST_CASE("qadex.cgi reads a POST form from standard input and sends no body for HEAD", "[cgi]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    std::string form = "q=filler+lump&format=json";
    auto r = run_cgi(test::cgi_tool(),
                     {"QADEX_DB=" + db, "REQUEST_METHOD=POST", "CONTENT_TYPE=application/x-www-form-urlencoded",
                      "CONTENT_LENGTH=" + std::to_string(form.size())},
                     form);
    REQUIRE(r.out.rfind("Status: 200 OK\r\n", 0) == 0);
    CHECK(nlohmann::json::parse(body(r.out))["query"] == "filler lump");

    auto h = run_cgi(test::cgi_tool(), {"QADEX_DB=" + db, "REQUEST_METHOD=HEAD", "QUERY_STRING=q=botox"});
    REQUIRE(h.out.rfind("Status: 200 OK\r\n", 0) == 0);
    CHECK(body(h.out).empty());
    CHECK(head(h.out).find("Content-Length: 0") == std::string::npos);
}

TEST_CASE("qadex-search speaks CGI whenever a server runs it, and never takes a server's arguments as options",
          "[cgi]") {
    test::TempDir dir;
    auto db = corpus_db(dir);
    std::vector<std::string> env{"GATEWAY_INTERFACE=CGI/1.1", "QADEX_DB=" + db, "REQUEST_METHOD=GET",
                                 "QUERY_STRING=q=botox"};
    auto cgi = run_cgi(test::search_tool(), env);
    CHECK(cgi.out.rfind("Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n", 0) == 0);
    // Apache passes the words of a query string without '=' as arguments
    // (RFC 3875, 4.4): they are never options, so they can neither choose
    // another database nor run the command line without the CGI's deadline.
    test::TempDir other_dir;
    auto other = corpus_db(other_dir);
    std::vector<std::string> isindex{"GATEWAY_INTERFACE=CGI/1.1", "QADEX_DB=" + db, "REQUEST_METHOD=GET",
                                     "QUERY_STRING=--db+" + other + "+--format+json+botox"};
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--db", other, "--format", "json", "botox"}, {"--help"}, {"-i"}, {"--version"}}) {
        INFO(args.front());
        auto r = run_cgi(test::search_tool(), isindex, {}, args);
        CHECK(r.exit_code == 0);
        CHECK(r.out.rfind("Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n", 0) == 0);  // the search page
        CHECK(r.out.find("\"query\"") == std::string::npos);  // not the command line's JSON
        CHECK(r.out.find("Usage:") == std::string::npos);
    }
}
