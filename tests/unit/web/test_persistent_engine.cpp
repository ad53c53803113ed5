// The engine qadex.fcgi keeps open between requests: it follows commits, a
// database swapped in by --rebuild and a deleted database, and the handler
// answers through it exactly as through the CGI's engine.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include <qadex/database_location.hpp>

#include "index_support.hpp"
#include "web/handler.hpp"
#include "web/persistent_engine.hpp"

namespace fs = std::filesystem;
using namespace qadex;
using namespace qadex::test;

namespace {

std::set<std::string> threads_found(PersistentEngine& engine, const std::string& query) {
    engine.refresh();
    SearchRequest request;
    request.query = query;
    std::set<std::string> ids;
    for (const SearchHit& hit : engine.engine().search(request).hits) ids.insert(hit.stored.thread_id);
    return ids;
}

HttpResponse get(PersistentEngine& engine, const std::string& query_string) {
    engine.refresh();
    std::istringstream no_body;
    return handle_web_request({"GET", query_string, "", ""}, no_body, engine);
}

// The body, less the time it took (JSON's took_ms).
std::string timeless(const HttpResponse& r) {
    if (r.content_type != "application/json") return r.body;
    auto j = nlohmann::json::parse(r.body);
    j.erase("took_ms");
    return j.dump();
}

}  // namespace

TEST_CASE("A kept engine follows commits, a swapped-in database and a deleted one", "[cgi][fastcgi]") {
    TempDir dir, other;
    const std::string db = write_index(dir, {make_thread("t-alpha", "Alpha botox", {"botox alpha answer"})});
    PersistentEngine engine(db);
    CHECK(threads_found(engine, "botox") == std::set<std::string>{"t-alpha"});

    // The indexer commits a new revision: seen without opening again.
    write_index(dir, {make_thread("t-beta", "Beta botox", {"botox beta answer"})});
    CHECK(threads_found(engine, "botox") == std::set<std::string>{"t-alpha", "t-beta"});

    // Another database swapped in at the same path, as --rebuild does.
    const std::string rebuilt = write_index(other, {make_thread("t-gamma", "Gamma botox", {"botox gamma answer"})});
    fs::rename(db, db + ".old");
    fs::rename(rebuilt, db);
    CHECK(threads_found(engine, "botox") == std::set<std::string>{"t-gamma"});

    // Deleted: the engine says so (the handler answers 503); back: served again.
    fs::rename(db, rebuilt);
    engine.refresh();
    CHECK_THROWS_AS(engine.engine(), DatabaseMissingError);
    const HttpResponse missing = get(engine, "q=botox&format=json");
    CHECK(missing.status == 503);
    fs::rename(rebuilt, db);
    const HttpResponse back = get(engine, "q=botox&format=json");
    CHECK(back.status == 200);
    CHECK(back.body.find("t-gamma") != std::string::npos);
}

TEST_CASE("Through a kept engine the handler answers as the CGI does", "[cgi][fastcgi]") {
    TempDir dir;
    const std::string db = write_index(dir, {make_thread("t-alpha", "Alpha botox", {"botox alpha answer"})});
    PersistentEngine engine(db);
    for (const std::string query : {"q=botox", "q=botox&format=json&facets=1", "thread=t-alpha", "thread=none",
                                    "q=botox&page=0", "suggest=bot", "similar=t-alpha-a1&format=json"}) {
        INFO(query);
        std::istringstream no_body;
        HttpResponse cgi = handle_cgi_request({"GET", query, "", ""}, no_body, db);
        HttpResponse kept = get(engine, query);
        CHECK(kept.status == cgi.status);
        CHECK(kept.headers == cgi.headers);
        CHECK(kept.content_type == cgi.content_type);
        CHECK(timeless(kept) == timeless(cgi));
    }
    PersistentEngine unconfigured("");
    CHECK(get(unconfigured, "q=botox").status == 503);
}

TEST_CASE("A POST that fails before its body is read answers JSON when the query string asks for it",
          "[cgi]") {
    // The body's fields are unknown when the body is short or too large:
    // ?format=json in the URL still decides the error's format.
    std::istringstream short_body("q=bot");
    HttpResponse incomplete = handle_cgi_request(
        {"POST", "format=json", "application/x-www-form-urlencoded", "50"}, short_body, "");
    CHECK(incomplete.status == 400);
    CHECK(incomplete.content_type == "application/json");
    CHECK(incomplete.body.find("\"The request body is incomplete.\"") != std::string::npos);
    std::istringstream none;
    HttpResponse too_large = handle_cgi_request(
        {"POST", "format=json", "application/x-www-form-urlencoded", "999999999"}, none, "");
    CHECK(too_large.status == 413);
    CHECK(too_large.content_type == "application/json");
    std::istringstream html_body("q=bot");
    CHECK(handle_cgi_request({"POST", "", "application/x-www-form-urlencoded", "50"}, html_body, "")
              .content_type.find("text/html") == 0);
}

TEST_CASE("A kept engine sees a database indexed anew into its emptied directory", "[cgi][fastcgi]") {
    // The directory is the same inode: only its version file says that the
    // tables are another database's (Xapian's revision numbers start again).
    TempDir dir, other;
    const std::string db = write_index(dir, {make_thread("t-alpha", "Alpha botox", {"botox alpha answer"})});
    PersistentEngine engine(db);
    CHECK(threads_found(engine, "botox") == std::set<std::string>{"t-alpha"});
    const std::string fresh = write_index(other, {make_thread("t-omega", "Omega botox", {"botox omega answer"})});
    for (const auto& file : fs::directory_iterator(db)) fs::remove(file.path());
    for (const auto& file : fs::directory_iterator(fresh)) fs::copy_file(file.path(), fs::path(db) / file.path().filename());
    CHECK(threads_found(engine, "botox") == std::set<std::string>{"t-omega"});
}

TEST_CASE("A kept engine answers 503, not 500, for an answer whose stored data is damaged", "[cgi][fastcgi]") {
    TempDir dir;
    const std::string db = write_index(dir, {make_thread("t-alpha", "Alpha botox", {"botox alpha answer"})});
    {
        Xapian::WritableDatabase w(db);
        Xapian::Document d = w.get_document(1);
        d.set_data("\x01\x02 not an answer");
        w.replace_document(1, d);
        w.commit();
    }
    PersistentEngine engine(db);
    SearchRequest request;
    request.query = "botox";
    try {
        engine.engine().search(request);
        FAIL("searched a damaged answer");
    } catch (const DatabaseDamagedError& e) {
        CHECK(e.path() == db);
        CHECK(std::string(e.what()).find("xapian-check '" + db + "'") != std::string::npos);
    }
    for (const std::string query : {"q=botox", "q=botox&format=json", "thread=t-alpha", "similar=t-alpha"}) {
        INFO(query);
        const HttpResponse r = get(engine, query);
        CHECK(r.status == 503);
        CHECK(r.body.find(db) == std::string::npos);
    }
}
