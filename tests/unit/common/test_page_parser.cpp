// Tests of the scraped page parser: the three real seed pages (read from the
// shared directory at run time), the invented fixtures in
// tests/fixtures/pages/, and inline pages for each error message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>

#include <qadex/error.hpp>
#include <qadex/page_parser.hpp>

#include "page_support.hpp"
#include "test_support.hpp"

namespace {

using qadex::Answer;
using qadex::InputError;
using qadex::Thread;

Thread parse(std::string_view text) { return qadex::parse_page(text, "page.txt", "page"); }

// what() of the InputError the page raises, or "no error".
std::string error_of(std::string_view text) {
    try {
        parse(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

Thread parse_file(const std::filesystem::path& path, const std::string& id) {
    return qadex::parse_page(qadex::test::read_file(path), path.string(), id);
}

Thread seed(const std::string& name) {
    auto dir = qadex::test::shared_dir() / "seeds";
    if (!std::filesystem::is_directory(dir)) QADEX_SKIP("seed pages not found in " + dir.string());
    return parse_file(dir / name, qadex::page_id_from_path(name));
}

Thread fixture(const std::string& name) {
    return parse_file(qadex::test::fixtures_dir() / "pages" / name, qadex::page_id_from_path(name));
}

using qadex::test::require_clean;

struct Expected {
    std::string title, author, specialty, location;
    std::optional<double> rating;
    std::optional<std::int64_t> reviews;
    std::string body_start, body_end;
};

void require_answer(const Answer& a, const Expected& e) {
    INFO("answer " << a.id);
    CHECK(a.title == e.title);
    CHECK(a.author == e.author);
    CHECK(a.specialty == e.specialty);
    CHECK(a.location == e.location);
    CHECK(a.rating == e.rating);
    CHECK(a.reviews == e.reviews);
    CHECK(!a.votes);
    CHECK(a.date.empty());
    INFO(a.body);
    CHECK(a.body.starts_with(e.body_start));
    CHECK(a.body.ends_with(e.body_end));
}

}  // namespace

// ---------------------------------------------------------------------------
// Seed pages

TEST_CASE("Seed page without vote templates yields two attributed answers", "[pages]") {
    Thread t = seed("000_cfed43a9ff3725a1.txt");
    CHECK(t.id == "000_cfed43a9ff3725a1");
    CHECK(t.title == "Treatments to Replace Facial Muscle Loss or Bone Loss?");
    CHECK(t.question.starts_with("I keep hearing about injections such as Sculptra"));
    CHECK(t.question.ends_with("to compensate for lost muscle volume?"));
    CHECK(t.question.find("facial bone.\n\nIs there anything") != std::string::npos);
    CHECK(t.source.empty());
    CHECK(t.category.empty());
    REQUIRE(t.answers.size() == 2);
    require_answer(t.answers[0], {"Facial Muscle Loss and Bone Loss Treatments", "", "Facial Plastic Surgeon",
                                  "Chicago", 4.8, 163, "Ideally the best treatment for a condition is the underlying cause.\n\nBone loss",
                                  "its treatment is of the use of well placed fillers."});
    require_answer(t.answers[1], {"Compensating for muscle atrophy makes sense but is difficult to achieve",
                                  "Otto Joseph Placik, MD", "Plastic Surgeon", "Chicago", 4.9, 81,
                                  "You insight is very keen.", "rather than build them up."});
    CHECK(t.answers[0].id == "000_cfed43a9ff3725a1-a1");
    CHECK(t.answers[1].id == "000_cfed43a9ff3725a1-a2");
    require_clean(t);
}

TEST_CASE("Seed article page yields one answer by the site", "[pages]") {
    Thread t = seed("001_95168c082b88f580.txt");
    CHECK(t.id == "001_95168c082b88f580");
    CHECK(t.title == "Causes of Facial Muscle Loss");
    CHECK(t.source == "askvity");
    CHECK(t.category == "Facial Muscle Disorders");
    CHECK(t.question.empty());
    REQUIRE(t.answers.size() == 1);
    const Answer& a = t.answers[0];
    CHECK(a.id == "001_95168c082b88f580-a1");
    CHECK(a.title == "What Causes Facial Muscle Loss?");
    CHECK(a.author == "askvity");
    CHECK(a.specialty.empty());
    CHECK(a.location.empty());
    CHECK(!a.rating);
    CHECK(!a.reviews);
    CHECK(a.body.starts_with("Facial muscle loss can stem from various conditions"));
    CHECK(a.body.ends_with("varies according to the underlying cause."));
    // Bullets keep their "• " marker, lose their indentation, one per line.
    CHECK(a.body.find("\n\n• Nerve Damage: Damage to the facial nerves") != std::string::npos);
    CHECK(a.body.find("nerve function.\n• Brain Tumor: Tumors pressing on facial nerves.\n• Trauma:") !=
          std::string::npos);
    CHECK(a.body.find("\n\nOther Factors:\n\n") != std::string::npos);
    CHECK(a.body.find("What Causes Facial Muscle Loss?") == std::string::npos);
    CHECK(a.body.find("Causes of Facial Muscle Loss:") == std::string::npos);
    require_clean(t);
}

TEST_CASE("Seed page with five answers yields each author, specialty and rating", "[pages]") {
    Thread t = seed("002_904bb01554f20c22.txt");
    CHECK(t.title == "Because 'If You Don't Use It You Lose It' is That True for Botox? You Paralyse Muscles...");
    CHECK(t.question.starts_with("because you paralyze muscles, doesn't it stand to reason"));
    CHECK(t.question.ends_with("Just asking.."));
    REQUIRE(t.answers.size() == 5);
    require_answer(t.answers[0], {"Botox will not cause muscle atrophy in the short term", "", "Dermatologic Surgeon",
                                  "Manhattan", 4.9, 38, "If there is consistent Botox treatment, without letting",
                                  "so that is why the Botox can be done safely."});
    require_answer(t.answers[1], {"Muscle atrophy and Botox", "", "", "", {}, {},
                                  "While we normally don't like anyone to have muscle atrophy",
                                  "because we are intending for this to be the affected outcome."});
    require_answer(t.answers[2], {"Does Botox Cause Muscle Atrophy?", "Harold J. Kaplan, MD", "Facial Plastic Surgeon",
                                  "Los Angeles", 4.4, 7, "Hi Michelle. Yes, Botox does cause some muscle atrophy",
                                  "For him, muscle atrophy was a blessing!"});
    require_answer(t.answers[3], {"Because 'If You Don't Use It You Lose It' is That True for Botox? You Paralyze Muscles...",
                                  "", "", "", {}, {}, "Yes, excatly and I've always been confused",
                                  "could cause problems with facial animation."});
    require_answer(t.answers[4], {"BOTOX and muscle atrophy: A VERY GOOD thing!", "Barry Resnik, MD", "Dermatologist",
                                  "Miami", {}, {}, "This is actually one of the goals of repeated BOTOX use.",
                                  "go longer between BOTOX sessions."});
    // No-break spaces between sentences read as one ordinary space.
    CHECK(t.answers[0].body.find("to some degree. This atrophy is beneficial") != std::string::npos);
    // Answer 3 keeps its two paragraphs apart.
    CHECK(t.answers[2].body.find("will be smoother.\n\nTake a look at the forehead line") != std::string::npos);
    require_clean(t);
}

// ---------------------------------------------------------------------------
// Invented fixtures

TEST_CASE("Front matter supplies the thread fields and page text the rest", "[pages]") {
    Thread t = fixture("with_front_matter.txt");
    CHECK(t.id == "fixture-sunscreen");
    CHECK(t.url == "https://example.org/questions/sunscreen-after-peel");
    CHECK(t.source == "example-clinic");
    CHECK(t.tags == std::vector<std::string>{"skin", "peel", "sunscreen"});
    CHECK(t.category == "aftercare");
    CHECK(t.date == "2023-04-07");
    CHECK(t.title == "How Soon Can I Use Sunscreen After a Chemical Peel?");
    // Lines inside a paragraph stay on their own lines; paragraphs are "\n\n" apart.
    CHECK(t.question ==
          "I had a light peel yesterday and my skin feels tight.\n"
          "My aesthetician said to wait, but I go outside a lot.\n\n"
          "Should I skip sunscreen or use a mineral one?");
    REQUIRE(t.answers.size() == 2);
    require_answer(t.answers[0], {"Mineral sunscreen is usually fine", "Jane Q. Example, MD", "Dermatologist",
                                  "Springfield", 4.7, 1, "Gentle mineral sunscreen", "when you are outdoors."});
    require_answer(t.answers[1], {"Ask the person who did the peel", "Dr. Samuel Placeholder",
                                  "Facial Plastic Surgeon", "Port Fictional", 5.0, 1204,
                                  "Every peel is different", "knows best."});
    CHECK(t.answers[0].id == "fixture-sunscreen-a1");
    CHECK(t.answers[1].id == "fixture-sunscreen-a2");
    CHECK(t.answers[0].body ==
          "Gentle mineral sunscreen can normally be used from the first day.\n\n"
          "Avoid rubbing and reapply it every two hours when you are outdoors.");
    require_clean(t);
}

TEST_CASE("Answers lacking an author, a rating or any attribution are still separated", "[pages]") {
    Thread t = fixture("missing_attribution.txt");
    CHECK(t.id == "missing_attribution");
    REQUIRE(t.answers.size() == 4);
    require_answer(t.answers[0], {"Bruising is common", "", "", "", 4.2, 12, "Small bruises", "within a week."});
    require_answer(t.answers[1], {"Cold packs help", "", "", "", {}, {}, "A cold pack", "the evidence is mixed."});
    require_answer(t.answers[2], {"Watch for warning signs", "Riley Sample, DDS", "Cosmetic Dentist", "", {}, {},
                                  "A bruise is expected", "if that happens."});
    require_answer(t.answers[3], {"One more opinion", "", "Oral and Maxillofacial Surgeon", "Northtown", {}, {},
                                  "Give it a week", "judging the result."});
    // A template line inside a paragraph splits the title from the body.
    CHECK(t.answers[2].body ==
          "A bruise is expected; spreading pale or dusky skin is not.\nCall your injector at once if that happens.");
    CHECK(t.answers[1].body.find("bruising.\n\nArnica") != std::string::npos);
    require_clean(t);
}

TEST_CASE("CRLF line ends, no-break spaces, tabs and trailing spaces are normalised", "[pages]") {
    auto path = qadex::test::fixtures_dir() / "pages" / "crlf.txt";
    REQUIRE(qadex::test::read_file(path).find("\r\n") != std::string::npos);  // the fixture kept its CRLFs
    Thread t = fixture("crlf.txt");
    CHECK(t.title == "What Helps a Stiff Jaw After Dental Work?");
    CHECK(t.question == "My jaw has felt stiff for three days.");
    REQUIRE(t.answers.size() == 1);
    require_answer(t.answers[0], {"Warm compresses and rest", "Pat Example, DMD", "Oral Surgeon", "Lakeside", 4.5, 9,
                                  "Try warm compresses and soft food", "for a few days."});
    CHECK(t.answers[0].body == "Try warm compresses and soft food for a few days.");
    require_clean(t);
}

TEST_CASE("Article fixture takes site name, category, title and question heading", "[pages]") {
    Thread t = fixture("article.txt");
    CHECK(t.source == "healthnotes");
    CHECK(t.category == "Skin Care");
    CHECK(t.title == "Caring for Dry Skin in Winter");
    CHECK(t.question.empty());
    REQUIRE(t.answers.size() == 1);
    const Answer& a = t.answers[0];
    CHECK(a.id == "article-a1");
    CHECK(a.title == "Why Does Skin Get Dry in Winter?");
    CHECK(a.author == "healthnotes");
    CHECK(a.body ==
          "Cold air holds little moisture, so skin loses water faster.\n\n"
          "Common triggers:\n\n"
          "• Hot showers: they strip natural oils.\n"
          "• Very hot water is the worst.\n"
          "• Indoor heating: it lowers humidity.");
    require_clean(t);
}

// ---------------------------------------------------------------------------
// Inline pages: parsing rules

TEST_CASE("Paragraph layout is the same whatever the line ends and blank runs", "[pages]") {
    std::string lf = "Title?\n\nBody one.\nLine two.\n\n\n\nBody three.\n\nDoctor Answers 0\n";
    std::string crlf, cr;
    for (char c : lf) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        cr += c == '\n' ? '\r' : c;
    }
    Thread expected = parse(lf);
    CHECK(expected.question == "Body one.\nLine two.\n\nBody three.");
    CHECK(parse(crlf) == expected);
    CHECK(parse(cr) == expected);
    CHECK(parse("\xEF\xBB\xBF" + lf) == expected);  // byte order mark
    CHECK(parse("  Title?  \n \t\n Body one.\nLine two.\xC2\xA0\n\nBody three.\nDoctor Answers 0") == expected);
}

TEST_CASE("Thread id comes from the front matter, else from the default", "[pages]") {
    CHECK(parse("Title?\n\nDoctor Answers 0").id == "page");
    CHECK(parse("---\nid: chosen\n---\nTitle?\n\nDoctor Answers 0").id == "chosen");
    CHECK(parse("---\nid:\n---\nTitle?\n\nDoctor Answers 0").id == "page");  // empty means absent
    Thread t = parse("---\nid: t7\n---\nQ?\n\nDoctor Answers 1\n\nA\n\nBody.\n\nBoston Surgeon\n");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].id == "t7-a1");
}

TEST_CASE("Front matter values may be quoted, tags bracketed, and comments are skipped", "[pages]") {
    Thread t = parse(
        "---\n# written by a script\ntitle: \"Better title\"\ntags: ['a b', \"c\", , d]\n\ndate: '2024-02-29'\n---\n"
        "Page title\n\nDoctor Answers 0\n");
    CHECK(t.title == "Better title");  // the front matter wins over the page's title line
    CHECK(t.question.empty());
    CHECK(t.tags == std::vector<std::string>{"a b", "c", "d"});
    CHECK(t.date == "2024-02-29");
}

TEST_CASE("Front-matter title stands in for a missing page title", "[pages]") {
    Thread t = parse("---\ntitle: Given\n---\nDoctor Answers 0\n");
    CHECK(t.title == "Given");
    CHECK(t.answers.empty());
}

TEST_CASE("Front matter overrides the category of an article page", "[pages]") {
    Thread t = parse("---\ncategory: mine\nsource: site-b\n---\nsitea\n\nHeading\n\nPublished in Theirs 4 mins read\n\nText.\n");
    CHECK(t.category == "mine");
    CHECK(t.source == "site-b");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].author == "sitea");
}

TEST_CASE("Article page without site name or question heading has an untitled anonymous answer", "[pages]") {
    Thread t = parse("A Plain Heading\n\nFirst paragraph.\n\nSecond paragraph?\n");
    CHECK(t.title == "A Plain Heading");
    CHECK(t.source.empty());
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].title.empty());
    CHECK(t.answers[0].author.empty());
    CHECK(t.answers[0].body == "First paragraph.\n\nSecond paragraph?");
}

TEST_CASE("Article page with a headline only has no answers", "[pages]") {
    Thread t = parse("sitename\n\nJust a Headline:\n");
    CHECK(t.title == "Just a Headline");
    CHECK(t.source == "sitename");
    CHECK(t.answers.empty());
}

TEST_CASE("Template lines are dropped everywhere, including the question", "[pages]") {
    Thread t = parse("Title?\n{{ hidden }}\nAsked text.\n\nDoctor Answers 1\n\nHead\n\n{{ voteCount }}\n{{ more }}\n\nText.\n");
    CHECK(t.title == "Title?");
    CHECK(t.question == "Asked text.");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].title == "Head");
    CHECK(t.answers[0].body == "Text.");
}

TEST_CASE("A lone one-line answer paragraph is body, not title", "[pages]") {
    Thread t = parse("Q?\n\nDoctor Answers 1\n\nShort answer.\n\nBoston Surgeon\n");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].title.empty());
    CHECK(t.answers[0].body == "Short answer.");
    CHECK(t.answers[0].location == "Boston");
    CHECK(t.answers[0].specialty == "Surgeon");
}

TEST_CASE("Attribution lines are recognised in their many shapes", "[pages]") {
    struct Row {
        std::string block, author, specialty, location;
        std::optional<double> rating;
        std::optional<std::int64_t> reviews;
    };
    const std::vector<Row> rows{
        {"Ann Lee, MD\nSan Diego Facial Plastic Surgeon\n4.9 out of 5 stars 38 reviews", "Ann Lee, MD",
         "Facial Plastic Surgeon", "San Diego", 4.9, 38},
        {"Ann Lee, M.D., FACS\nBoston Plastic Surgeon", "Ann Lee, M.D., FACS", "Plastic Surgeon", "Boston", {}, {}},
        {"Dr. Ann Lee\n3 out of 5 stars 1 review", "Dr. Ann Lee", "", "", 3.0, 1},
        {"Ann Marie Lee\nSt. Louis Oculoplastic Surgeon", "Ann Marie Lee", "Oculoplastic Surgeon", "St. Louis", {}, {}},
        {"Bo Ek, PhD\nWinston-Salem Physical Therapist", "Bo Ek, PhD", "Physical Therapist", "Winston-Salem", {}, {}},
        {"Coeur d'Alene Ophthalmologist\n5 out of 5 stars", "", "Ophthalmologist", "Coeur d'Alene", 5.0, {}},
        {"Dr. José Núñez\nBogotá Plastic Surgeon", "Dr. José Núñez", "Plastic Surgeon", "Bogotá", {}, {}},
        {"Dermatologist\n4.0 out of 5 stars 2,050 reviews", "", "Dermatologist", "", 4.0, 2050},
        {"New York Oral and Maxillofacial Surgeon", "", "Oral and Maxillofacial Surgeon", "New York", {}, {}},
    };
    for (const auto& row : rows) {
        INFO(row.block);
        Thread t = parse("Q?\n\nDoctor Answers 1\n\nTitle\n\nBody text.\n\n" + row.block + "\n");
        REQUIRE(t.answers.size() == 1);
        const Answer& a = t.answers[0];
        CHECK(a.title == "Title");
        CHECK(a.body == "Body text.");
        CHECK(a.author == row.author);
        CHECK(a.specialty == row.specialty);
        CHECK(a.location == row.location);
        CHECK(a.rating == row.rating);
        CHECK(a.reviews == row.reviews);
    }
}

TEST_CASE("Body paragraphs that merely mention a specialty stay body text", "[pages]") {
    Thread t = parse(
        "Q?\n\nDoctor Answers 1\n\nTitle\n\nPlease see a board certified Plastic Surgeon\n\n"
        "I rated it 4.5 out of 5 stars\n\nChicago Surgeon\n");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].body == "Please see a board certified Plastic Surgeon\n\nI rated it 4.5 out of 5 stars");
    CHECK(t.answers[0].location == "Chicago");
}

TEST_CASE("Everything from the closing disclaimer on is dropped", "[pages]") {
    Thread t = parse("Q?\n\nDoctor Answers 1\n\nTitle\n\nBody.\n\nThese answers are for educational purposes.\n\nFooter\n");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].body == "Body.");
}

TEST_CASE("A Doctor Answers 0 page is a question without answers", "[pages]") {
    Thread t = parse("Anyone?\n\nDetails here.\n\nDoctor Answers 0\n");
    CHECK(t.title == "Anyone?");
    CHECK(t.question == "Details here.");
    CHECK(t.answers.empty());
}

TEST_CASE("Page ids are relative paths without the extension", "[pages]") {
    CHECK(qadex::page_id_from_path("pages/botox/atrophy.txt") == "pages/botox/atrophy");
    CHECK(qadex::page_id_from_path("atrophy.txt") == "atrophy");
    CHECK(qadex::page_id_from_path("./a/b.c.txt") == "a/b.c");
    CHECK(qadex::page_id_from_path("dir.v2/page") == "dir.v2/page");
    CHECK(qadex::page_id_from_path("dir/.hidden") == "dir/.hidden");
}

// ---------------------------------------------------------------------------
// Inline pages: every error, with its exact message

TEST_CASE("Unreadable pages are rejected with the file and line at fault", "[pages]") {
    struct Row {
        std::string page, message;
    };
    const std::vector<Row> rows{
        {"", "page.txt: empty page"},
        {" \n\t\n\xC2\xA0\r\n", "page.txt: empty page"},
        {"---\nid: x\n---\n\n", "page.txt: empty page"},
        {"These answers are for educational purposes.\n", "page.txt: empty page"},
        {std::string("Title\n\nBody\0more", 16), "page.txt:3: not text: NUL byte at offset 11"},
        {std::string("Caf\xE9\n\0", 6), "page.txt:2: not text: NUL byte at offset 5"},  // NUL first, whatever else
        {"Doctor Answers 0\n", "page.txt:1: no question title before the 'Doctor Answers' line"},
        {"\n\n{{ x }}\nDoctor Answers 0\n", "page.txt:4: no question title before the 'Doctor Answers' line"},
        {"askvity\n\nPublished in Health 2 mins read\n", "page.txt: no title line"},
        {"---\nid: x\ntitle: y\n", "page.txt:1: front matter is not closed by a '---' line"},
        {"---\n", "page.txt:1: front matter is not closed by a '---' line"},
        {"---\nid: x\nauthor: me\n---\nT\n",
         "page.txt:3: unknown front-matter key 'author' (known: id, url, source, tags, category, date, title)"},
        {"---\nId: x\n---\nT\n",
         "page.txt:2: unknown front-matter key 'Id' (known: id, url, source, tags, category, date, title)"},
        {"---\nid x\n---\nT\n", "page.txt:2: front-matter line is not 'key: value'"},
        {"---\n: x\n---\nT\n", "page.txt:2: front-matter line is not 'key: value'"},
        {"---\nid: a\nid: b\n---\nT\n", "page.txt:3: front-matter key 'id' appears twice"},
        {"---\ndate: 2024-02-30\n---\nT\n", "page.txt:2: bad date '2024-02-30': expected YYYY-MM-DD"},
        {"---\ndate: 2023-02-29\n---\nT\n", "page.txt:2: bad date '2023-02-29': expected YYYY-MM-DD"},
        {"---\ndate: 2024-1-05\n---\nT\n", "page.txt:2: bad date '2024-1-05': expected YYYY-MM-DD"},
        {"---\ndate: 05/01/2024\n---\nT\n", "page.txt:2: bad date '05/01/2024': expected YYYY-MM-DD"},
        {"---\ndate: 2024-13-01\n---\nT\n", "page.txt:2: bad date '2024-13-01': expected YYYY-MM-DD"},
    };
    for (const auto& row : rows) {
        INFO(row.page);
        CHECK(error_of(row.page) == row.message);
    }
}

TEST_CASE("Bytes that are not UTF-8 are read as Windows-1252, with a warning at the first", "[pages]") {
    // Saved by an editor in its legacy encoding: "Café “quoted”" and a dash;
    // the valid UTF-8 "ï" beside them is kept.
    qadex::PageWarnings warnings;
    Thread t = qadex::parse_page("Caf\xE9 \x93quoted\x94 and na\xC3\xAFve\n\nDoctor Answers 1\n\nA title\n\n{{ v }}\n\nIt "
                                 "helps \x96 a lot.\n",
                                 "page.txt", "page", &warnings);
    CHECK(t.title == "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D and na\xC3\xAFve");
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].body == "It helps \xE2\x80\x93 a lot.");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].what() == std::string("page.txt:1: not UTF-8 (byte at offset 3): read as Windows-1252"));
    // What was rejected whole before now parses; no warning for UTF-8.
    for (const char* page : {"Title\n\xFF rest", "Title\r\n\r\nCaf\xC3", "Title \xED\xA0\x80"}) {
        INFO(page);
        qadex::PageWarnings w;
        CHECK_NOTHROW(qadex::parse_page(page, "page.txt", "page", &w));
        CHECK(w.size() == 1);
    }
    qadex::PageWarnings none;
    qadex::parse_page("Caf\xC3\xA9\n", "page.txt", "page", &none);
    CHECK(none.empty());
}

TEST_CASE("A page saved as UTF-16 with its byte order mark reads as the same page in UTF-8", "[pages]") {
    // Windows editors save "Unicode" text so; its NUL bytes had made it "not text".
    const std::string page = "Caf\xC3\xA9 question?\n\nDoctor Answers 1\n\nA title\n\n{{ v }}\n\nIt helps.\n";
    std::string little = "\xFF\xFE", big = "\xFE\xFF";
    for (std::size_t i = 0; i < page.size(); ++i) {
        // The page is ASCII but for "é" (U+00E9), written as one unit.
        const bool e_acute = page.compare(i, 2, "\xC3\xA9") == 0;
        const char c = e_acute ? '\xE9' : page[i];
        little += std::string{c, '\0'};
        big += std::string{'\0', c};
        if (e_acute) ++i;
    }
    qadex::PageWarnings warnings;
    const Thread expected = qadex::parse_page(page, "page.txt", "page", &warnings);
    CHECK(expected.title == "Caf\xC3\xA9 question?");
    CHECK(qadex::parse_page(little, "page.txt", "page", &warnings) == expected);
    CHECK(qadex::parse_page(big, "page.txt", "page", &warnings) == expected);
    CHECK(warnings.empty());
}

TEST_CASE("A page whose answers do not add up to its Doctor Answers line keeps them, with a warning", "[pages]") {
    struct Row {
        std::string page, warning;
        std::vector<std::string> bodies;
    };
    const std::vector<Row> rows{
        {"Q?\n\nDoctor Answers 2\n\nA title\n\n{{ v }}\n\nBody.\n", "page.txt:3: page says 2 answers but 1 was found",
         {"Body."}},
        {"Q?\n\nDoctor Answers 1\n\nA\n{{ v }}\nOne.\n\nB\n{{ v }}\nTwo.\n",
         "page.txt:3: page says 1 answer but 2 were found", {"One.", "Two."}},
        {"Q?\n\nDoctor Answers 3\n", "page.txt:3: page says 3 answers but 0 were found", {}},
        // Without templates or attribution, answer boundaries cannot be seen:
        // the answers run together, and the warning says so.
        {"Q?\n\nDoctor Answers 2\n\nFirst\n\nOne.\n\nSecond\n\nTwo.\n", "page.txt:3: page says 2 answers but 1 was found",
         {"One.\n\nSecond\n\nTwo."}},
    };
    for (const auto& row : rows) {
        INFO(row.page);
        qadex::PageWarnings warnings;
        Thread t = qadex::parse_page(row.page, "page.txt", "page", &warnings);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].what() == row.warning);
        CHECK(warnings[0].line() == 3);
        REQUIRE(t.answers.size() == row.bodies.size());
        for (std::size_t i = 0; i < row.bodies.size(); ++i) CHECK(t.answers[i].body == row.bodies[i]);
    }
    // No sink: the page still parses, quietly.
    CHECK(parse("Q?\n\nDoctor Answers 3\n").answers.empty());
}

TEST_CASE("A page whose count adds up has no warning", "[pages]") {
    qadex::PageWarnings warnings;
    qadex::parse_page("Q?\n\nDoctor Answers 1\n\nA\n{{ v }}\nOne.\n", "page.txt", "page", &warnings);
    CHECK(warnings.empty());
}

TEST_CASE("Page errors carry file, line and reason separately", "[pages]") {
    try {
        qadex::parse_page("---\nwho: me\n---\n", "dir/p.txt", "dir/p");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.file() == "dir/p.txt");
        CHECK(e.line() == 2);
        CHECK(e.reason().starts_with("unknown front-matter key 'who'"));
    }
}
