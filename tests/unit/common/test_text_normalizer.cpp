// Unicode folding shared by indexer and searcher.
#include <catch2/catch.hpp>

#include <qadex/text_normalizer.hpp>

TEST_CASE("Folding makes case, width and Latin diacritics irrelevant", "[analysis]") {
    qadex::TextNormalizer n;
    struct Row {
        const char* in;
        const char* out;
    };
    const Row rows[] = {
        {"Sculptra", "sculptra"},
        {"naïve", "naive"},
        {"NAÏVE", "naive"},
        {"café-au-lait", "cafe-au-lait"},
        {"Sjögren", "sjogren"},
        {"ＢＯＴＯＸ　ｉｎｊｅｃｔｉｏｎ", "botox injection"},  // full-width letters and space
        {"Straße", "strasse"},                           // case folding, not just lower-casing
        {"ﬁller", "filler"},                             // ligature
        {"Ελληνικά", "ελληνικα"},                        // Greek accents fold too
        {"Жёлтый", "желтыи"},                            // Cyrillic combining marks fold
        {"plain ascii text", "plain ascii text"},
    };
    for (const auto& row : rows) {
        INFO(row.in);
        CHECK(n.normalize(row.in) == row.out);
    }
}

TEST_CASE("Chinese and Japanese text is split into words by ICU", "[analysis]") {
    qadex::TextNormalizer n;
    // Written without spaces; ICU's dictionary finds the word boundaries.
    CHECK(n.normalize("肉毒杆菌毒素") .find(' ') != std::string::npos);
    CHECK(n.normalize("ボトックス注射") == "ボトックス 注射");
    CHECK(n.normalize("Botox注射") == "botox 注射");
}

TEST_CASE("Query folding keeps upper-case operators and folds everything else", "[analysis]") {
    qadex::TextNormalizer n;
    CHECK(n.normalize_query("Botox AND Atrophy") == "botox AND atrophy");
    CHECK(n.normalize_query("Botox OR Dysport NOT Xeomin") == "botox OR dysport NOT xeomin");
    CHECK(n.normalize_query("BOTOX ANDREW") == "botox andrew");
    CHECK(n.normalize_query("title:Naïve \"Facial PALSY\"") == "title:naive \"facial palsy\"");
    CHECK(n.normalize_query("ÉOR") == "eor");
}

TEST_CASE("Invalid UTF-8 is repaired rather than passed on", "[analysis]") {
    qadex::TextNormalizer n;
    CHECK(n.normalize("bo\xfftox") == "bo\xef\xbf\xbdtox");
}

TEST_CASE("Filter values fold and collapse white space", "[analysis]") {
    CHECK(qadex::fold_value("  Facial   Plastic\tSurgeon ") == "facial plastic surgeon");
    CHECK(qadex::fold_value("Los Ángeles") == "los angeles");
}
