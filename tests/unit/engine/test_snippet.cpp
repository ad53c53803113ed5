// Snippets (searcher/engine/snippet.*) over a real Xapian database on disk: which
// passage is chosen, which words are marked, and what is escaped.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <qadex/text_analysis.hpp>
#include <qadex/text_normalizer.hpp>

#include "engine/snippet.hpp"
#include "output/highlight.hpp"
#include "test_support.hpp"

using namespace qadex;

namespace {

// An index of `texts` (unprefixed, analysed as the indexer does), searched
// for `query` (as the query builder parses it): the SnippetMaker a results
// page would use.
struct Fixture {
    test::TempDir dir;
    Xapian::WritableDatabase db;
    TextNormalizer normalizer;
    Xapian::Query query;
    Xapian::MSet mset;

    Fixture(const std::vector<std::string>& texts, const std::string& query_text)
        : db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE) {
        Xapian::TermGenerator tg;
        configure_analysis(tg);
        for (const auto& t : texts) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(normalizer.normalize(t));
            db.add_document(doc);
        }
        db.commit();
        Xapian::QueryParser qp;
        configure_analysis(qp);
        qp.set_database(db);
        query = qp.parse_query(query_text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        mset = enquire.get_mset(0, 10);
    }

    std::string snippet(const std::string& text, std::size_t bytes = 300) {
        SnippetMaker maker(query, mset, normalizer);
        return render_highlighted(maker.make(text, bytes, "..."), "[", "]");
    }
};

}  // namespace

TEST_CASE("Snippets mark query words, stemmed and exact, and keep short text whole", "[snippet]") {
    const std::string text = "Botox causes atrophy? It caused some atrophied muscles; botox-free areas don't.";
    Fixture f({text, "unrelated text"}, "botox cause atrophy");
    CHECK(f.snippet(text) ==
          "[Botox] [causes] [atrophy]? It [caused] some [atrophied] muscles; [botox]-free areas don't.");
}

TEST_CASE("Snippets choose the passage with the most query words, from its sentence start", "[snippet]") {
    std::string filler;
    for (int i = 0; i < 40; ++i) filler += "Nothing relevant is said here at all. ";
    const std::string text = filler + "Long use of botox can cause atrophy of the forehead. " + filler;
    Fixture f({text}, "botox atrophy");
    const std::string s = f.snippet(text, 120);
    CHECK(s.rfind("Long use of [botox] can cause [atrophy] of the forehead.", 0) == 0);
    CHECK(s.size() <= 120 + 2 * 4 + 3);  // budget, markers and the closing "..."
    CHECK(s.substr(s.size() - 3) == "...");
}

TEST_CASE("Snippets start with '...' when they begin inside a sentence", "[snippet]") {
    std::string text = "This sentence runs on for a long while about many things and people, places and times";
    for (int i = 0; i < 10; ++i) text += " and more things";
    text += " until finally botox is named.";
    Fixture f({text}, "botox");
    const std::string s = f.snippet(text, 60);
    CHECK(s.rfind("...", 0) == 0);
    CHECK(s.find("[botox]") != std::string::npos);
}

TEST_CASE("Snippets are the text as it is, with the byte ranges of matched words", "[snippet]") {
    const std::string text = "<script>alert('x')</script> <b>&amp; botox \x01tricks\x02 > 3";
    Fixture f({text}, "botox");
    const HighlightedText s = SnippetMaker(f.query, f.mset, f.normalizer).make(text, 300, "...");
    CHECK(s.text == text);  // nothing escaped: each output escapes for itself
    REQUIRE(s.highlights.size() == 1);
    CHECK(s.text.substr(s.highlights[0].begin, s.highlights[0].end - s.highlights[0].begin) == "botox");
}

TEST_CASE("Snippets fold non-ASCII words as the indexer does, and match wildcards", "[snippet]") {
    const std::string text = "A NAÏVE question about ｂｏｔｏｘ and botulinum toxin.";
    Fixture f({text}, "naive botox");
    CHECK(f.snippet(text) == "A [NAÏVE] question about [ｂｏｔｏｘ] and botulinum toxin.");

    Fixture w({text}, "botul*");
    CHECK(w.snippet(text) == "A NAÏVE question about ｂｏｔｏｘ and [botulinum] toxin.");
}

TEST_CASE("A snippet without any query word is the start of the text", "[snippet]") {
    std::string text = "First sentence here. ";
    for (int i = 0; i < 30; ++i) text += "More words follow. ";
    Fixture f({text, "botox"}, "botox");
    const std::string s = f.snippet(text, 50);
    CHECK(s.rfind("First sentence here.", 0) == 0);
    CHECK(s.find('[') == std::string::npos);
    CHECK(s.substr(s.size() - 3) == "...");
}

TEST_CASE("A snippet of the window of a longer answer ends with the omission mark", "[snippet]") {
    const std::string window = "Botox is safe.";  // the first bytes of an answer cut to its display window
    Fixture f({window, "unrelated text"}, "botox");
    SnippetMaker maker(f.query, f.mset, f.normalizer);
    CHECK(render_highlighted(maker.make(window, 300, "...", true), "[", "]") == "[Botox] is safe....");
    CHECK(render_highlighted(maker.make(window, 300, "..."), "[", "]") == "[Botox] is safe.");
}
