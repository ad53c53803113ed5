// SearchEngine::related (engine/related.hpp): answers to other questions like
// one answer or thread, on a database the test writes: never the seed's
// thread, one answer per question, a bounded query, filters applied.
#include <catch2/catch.hpp>

#include <cctype>
#include <string_view>
#include <set>
#include <string>
#include <vector>

#include "engine/related.hpp"
#include "engine/search_engine.hpp"
#include "index_support.hpp"

using namespace qadex;

namespace {

Thread tagged(Thread t, const std::string& tag, const std::string& source = "Test") {
    t.tags = {tag};
    t.source = source;
    return t;
}

// Words no English stemmer changes and no stopword list holds: "qx" + letters for n.
std::string made_up_word(std::size_t n) {
    std::string w = "qx";
    for (std::size_t i = 0; i < 3; ++i, n /= 26) w += static_cast<char>('a' + n % 26);
    return w;
}

std::string made_up_text(std::size_t words) {
    std::string text;
    for (std::size_t i = 0; i < words; ++i) text += made_up_word(i) + " ";
    return text;
}

struct RelatedCorpus {
    test::TempDir dir;
    std::vector<Thread> threads{
        tagged(test::make_thread("glaucoma-seed", "How is glaucoma treated?",
                                 {"Glaucoma damages the optic nerve; eye drops lower the intraocular pressure.",
                                  "Laser trabeculoplasty lowers intraocular pressure in open-angle glaucoma.",
                                  "Eye drops for glaucoma: prostaglandins and beta blockers lower eye pressure."}),
               "Glaucoma"),
        tagged(test::make_thread("glaucoma-symptoms", "What are the symptoms of glaucoma?",
                                 {"Open-angle glaucoma slowly narrows vision; the optic nerve is damaged by pressure.",
                                  "Acute angle-closure glaucoma brings eye pain and high intraocular pressure."}),
               "Glaucoma"),
        tagged(test::make_thread("glaucoma-causes", "What causes glaucoma?",
                                 {"Raised intraocular pressure damages the optic nerve in glaucoma.",
                                  "Blocked drainage of the eye raises pressure; glaucoma follows."}),
               "Glaucoma", "Other"),
        tagged(test::make_thread("gout", "What is gout?", {"Gout is arthritis from uric acid crystals in a joint."}),
               "Gout"),
        tagged(test::make_thread("asthma", "What is asthma?",
                                 {"Inhalers open the airways; asthma attacks need a rescue inhaler."}),
               "Asthma"),
        tagged(test::make_thread("long-seed", "A long answer", {made_up_text(300)}), "Long"),
        tagged(test::make_thread("long-twin", "Another long answer", {made_up_text(300)}), "Long"),
    };
    std::string db = test::write_index(dir, threads);
};

SearchRequest page(std::size_t per_page = 10) {
    SearchRequest request;
    request.per_page = per_page;
    return request;
}

// The words of a related query, whichever fields their terms are in (a word
// the index has in no answer text has no body term).
std::set<std::string> query_stems(const std::string& description) {
    // Stemmed terms are "Z", a field prefix (none, "S", "XQ" or "K"), then
    // the lower-case stem. (Plain scanning: <regex> trips GCC 12's
    // -Wmaybe-uninitialized at -O1.)
    std::set<std::string> stems;
    for (std::size_t at = description.find('Z'); at != std::string::npos; at = description.find('Z', at + 1)) {
        if (at > 0 && std::isalnum(static_cast<unsigned char>(description[at - 1]))) continue;
        std::size_t i = at + 1;
        for (const char* prefix : {"XQ", "S", "K"})
            if (description.compare(i, std::string_view(prefix).size(), prefix) == 0) {
                i += std::string_view(prefix).size();
                break;
            }
        std::size_t end = i;
        while (end < description.size() && (std::islower(static_cast<unsigned char>(description[end])) ||
                                             std::isdigit(static_cast<unsigned char>(description[end]))))
            ++end;
        if (end > i) stems.insert(description.substr(i, end - i));
    }
    return stems;
}

}  // namespace

TEST_CASE("Related answers never come from the seed's thread, one per question", "[searcher][related]") {
    RelatedCorpus corpus;
    SearchEngine engine(corpus.db);
    for (const std::string id : {"glaucoma-seed-a1", "glaucoma-seed"}) {  // an answer id, a thread id
        INFO(id);
        const SearchResult result = engine.related(id, page());
        REQUIRE(result.similar_to);
        CHECK(result.similar_to->thread_id == "glaucoma-seed");
        REQUIRE(result.hits.size() >= 2);
        std::set<std::string> threads;
        for (const auto& hit : result.hits) {
            CHECK(hit.stored.thread_id != "glaucoma-seed");
            CHECK(threads.insert(hit.stored.thread_id).second);  // one answer per question
        }
        // The other glaucoma questions first, each with its other answer counted.
        const std::set<std::string> top{result.hits[0].stored.thread_id, result.hits[1].stored.thread_id};
        CHECK(top == std::set<std::string>{"glaucoma-symptoms", "glaucoma-causes"});
        CHECK(result.hits[0].more_answers == 1);
        CHECK(result.total_exact);
    }
}

TEST_CASE("A long answer makes a query of at most the word cap", "[searcher][related]") {
    RelatedCorpus corpus;
    const Xapian::Database db(corpus.db);
    const RelatedSeed seed = find_related_seed(db, "long-seed-a1");
    REQUIRE(seed.documents.size() == 1);
    RelatedSettings settings;
    CHECK(related_words(db, seed, settings).size() == settings.max_words);
    settings.max_words = 1000;  // no cap: every made-up word the twin shares
    CHECK(related_words(db, seed, settings).size() >= 300);

    SearchEngine engine(corpus.db);
    const SearchResult result = engine.related("long-seed-a1", page());
    CHECK(query_stems(result.interpreted).size() == RelatedSettings{}.max_words);
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits.front().stored.thread_id == "long-twin");

    RankingSettings five;
    five.related.max_words = 5;
    SearchEngine capped(corpus.db, five);
    CHECK(query_stems(capped.related("long-seed-a1", page()).interpreted).size() == 5);
}

TEST_CASE("Filters apply to related answers", "[searcher][related]") {
    RelatedCorpus corpus;
    SearchEngine engine(corpus.db);
    SearchRequest request = page();
    request.filters = {{"source", "Other"}};
    const SearchResult result = engine.related("glaucoma-seed-a1", request);
    REQUIRE_FALSE(result.hits.empty());
    for (const auto& hit : result.hits) CHECK(hit.stored.source == "Other");
}

TEST_CASE("An unknown, empty or invalid id is refused with a clear error", "[searcher][related]") {
    RelatedCorpus corpus;
    SearchEngine engine(corpus.db);
    CHECK_THROWS_AS(engine.related("no-such-id", page()), UnknownIdError);
    CHECK_THROWS_WITH(engine.related("no-such-id", page()), "no answer or question has the id 'no-such-id'");
    CHECK_THROWS_AS(engine.related("  ", page()), BadQueryError);
    CHECK_THROWS_AS(engine.related("\xff", page()), BadQueryError);
}

TEST_CASE("Plain more-like-this leaves out only the seed answer", "[searcher][related]") {
    RelatedCorpus corpus;
    const Xapian::Database db(corpus.db);
    const RelatedSeed seed = find_related_seed(db, "glaucoma-seed-a1");
    Xapian::Enquire enquire(db);
    enquire.set_query(plain_more_like_this(db, seed));
    const Xapian::MSet mset = enquire.get_mset(0, 20);
    REQUIRE_FALSE(mset.empty());
    for (auto it = mset.begin(); it != mset.end(); ++it) CHECK(*it != seed.documents.front());
}
