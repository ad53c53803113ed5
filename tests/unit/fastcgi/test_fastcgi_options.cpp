// qadex.fcgi's command line: what is accepted, and the messages of what is not.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fastcgi/fastcgi_options.hpp"
#include "index_support.hpp"

using namespace qadex::fastcgi;

namespace {

Options parse(std::vector<std::string> args) {
    args.insert(args.begin(), "qadex.fcgi");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return parse_options(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("qadex.fcgi takes --db, --listen, --backlog and --cache-mb - the database defaults to QADEX_DB",
          "[fastcgi]") {
    qadex::test::ScopedEnv env("QADEX_DB", "/var/lib/qadex/index");
    CHECK(parse({}).database == "/var/lib/qadex/index");
    const Options o = parse({"--db", "/srv/db", "--listen", "unix:/run/qadex.sock", "--backlog", "16"});
    CHECK(o.database == "/srv/db");
    CHECK(o.listen == "unix:/run/qadex.sock");
    CHECK(o.backlog == 16);
    CHECK(o.cache_mb == 32);
    CHECK(parse({"--cache-mb", "0"}).cache_mb == 0);
    CHECK(parse({"--cache-mb", "128"}).cache_mb == 128);
    CHECK(parse({"--help"}).help);
    CHECK(parse({"-h"}).help);
    CHECK(socket_address("unix:/run/qadex.sock") == "/run/qadex.sock");
    CHECK(socket_address("127.0.0.1:9000") == "127.0.0.1:9000");
    CHECK(socket_address("[::1]:9000") == "[::1]:9000");
}

TEST_CASE("A bad qadex.fcgi command line says what is wrong", "[fastcgi]") {
    CHECK_THROWS_WITH(parse({"--listen", "nowhere"}), "--listen takes unix:PATH or HOST:PORT, not 'nowhere'");
    CHECK_THROWS_WITH(parse({"--listen", "unix:"}), "--listen unix:PATH needs a PATH");
    CHECK_THROWS_WITH(parse({"--listen", "127.0.0.1:0"}), "--listen takes unix:PATH or HOST:PORT, not '127.0.0.1:0'");
    CHECK_THROWS_WITH(parse({"--backlog", "x"}), "--backlog must be a number from 1 to 65535, not 'x'");
    CHECK_THROWS_WITH(parse({"--cache-mb", "-1"}), "--cache-mb must be a number from 0 to 65536, not '-1'");
    CHECK_THROWS_WITH(parse({"--db"}), "--db needs a value");
    CHECK_THROWS_WITH(parse({"--verbose"}), "unknown argument '--verbose'");
}
