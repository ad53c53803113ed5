// Attribution blocks as people write them (issue 17): names with particles
// of several languages, honorifics and degrees, specialties of several
// words, cities of several words, doctors' sign-offs inside a body, and
// pages whose answer count does not add up. Each fixture page in
// tests/fixtures/pages/ is original text; every field a reader sees is
// checked, and the noise that must not reach any answer.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <qadex/page_attribution.hpp>
#include <qadex/page_parser.hpp>

#include "page_support.hpp"
#include "test_support.hpp"

namespace {

using qadex::Thread;
using qadex::test::ExpectedPage;
using qadex::test::require_page;

const std::string vote_template = "{{ voteCount";

Thread fixture(const std::string& name, qadex::PageWarnings* warnings = nullptr) {
    auto path = qadex::test::fixtures_dir() / "pages" / name;
    return qadex::parse_page(qadex::test::read_file(path), path.string(), qadex::page_id_from_path(name), warnings);
}

// Parses `name` and checks it against `expected`, with no count warning.
void require_fixture(const std::string& name, const ExpectedPage& expected) {
    INFO(name);
    qadex::PageWarnings warnings;
    Thread t = fixture(name, &warnings);
    CHECK(t.id == qadex::page_id_from_path(name));
    require_page(t, expected);
    CHECK(warnings.empty());
}

}  // namespace

TEST_CASE("Spanish names with 'de la', 'de los' and 'y', and the honorific 'Dra.'", "[pages][attribution]") {
    require_fixture("names_spanish.txt", {
        "Can I Get Filler While Breastfeeding?",
        "My baby is four months old and I am still nursing.\nI would like some filler in my cheeks before a wedding.",
        {{"Most injectors will ask you to wait",
          "Hyaluronic acid stays where it is placed and very little reaches the blood.\n\n"
          "Even so, there are no trials in nursing mothers, so most of us prefer to wait until you have weaned.",
          "Dra. María de la Cruz Ortega", "Dermatologist", "Ciudad de México", 4.8, 52},
         {"Talk to your paediatrician first",
          "The product itself is unlikely to harm your baby, but a lump or an infection would mean antibiotics.",
          "José Luis de los Santos y Vega, MD, FACS", "Plastic Surgeon", "Santa Cruz de Tenerife", 4.6, 17}},
        {vote_template, "educational purposes", "52 reviews"}});
}

TEST_CASE("Portuguese names with 'dos' and 'da' on a page without vote templates", "[pages][attribution]") {
    require_fixture("names_portuguese.txt", {
        "Why Does My Smile Look Crooked After Botox?",
        "I had my crow's feet treated ten days ago.\nNow one corner of my mouth does not lift when I smile.",
        {{"Spread to the smile muscles",
          "A little toxin may have drifted down to the muscle that lifts the corner of the mouth.\n\n"
          "It wears off, usually within six to eight weeks.",
          "João dos Santos Ferreira, MD", "Plastic Surgeon", "Rio de Janeiro", 4.6, 19},
         {"See your injector for a small balancing dose",
          "Treating the other side lightly can make the smile look even while you wait.",
          "Ana Paula da Silva, DDS", "Cosmetic Dentist", "São Paulo", 5.0, 4}},
        {"São Paulo Cosmetic Dentist", "4 reviews"}});
}

TEST_CASE("Dutch 'van der' and German 'von' names, 'Prof. Dr.' and 'am Main'", "[pages][attribution]") {
    require_fixture("names_dutch_german.txt", {
        "Is It Safe to Get Botox and a Facial on the Same Day?",
        "My spa offers both and I would like to save a trip.",
        {{"Have the facial first",
          "Massage right after an injection can move the toxin.\n\n"
          "Book the facial first and the injection afterwards, or leave a day between them.",
          "Pieter van der Berg, MD", "Dermatologist", "Den Haag", 4.7, 88},
         {"Wait a few hours at least", "No rubbing, no steam and no lying flat for four hours after the injection.",
          "Prof. Dr. Klaus von Hohenberg", "Facial Plastic Surgeon", "Frankfurt am Main", 5.0, 3}},
        {vote_template, "Hohenberg"}});
}

TEST_CASE("French elided \"d'\", Italian 'di' and 'Dell'', hyphenated names and a '/' specialty",
          "[pages][attribution]") {
    require_fixture("names_french_italian.txt", {
        "How Long Do Under-Eye Fillers Last?",
        "I am thirty-eight and my tear troughs make me look tired.",
        {{"About a year, often longer",
          "The skin under the eye moves little, so filler there tends to last a year or more.",
          "Jean-Marc d'Arcy, MD", "Oculoplastic/Orbital Surgeon", "Saint-Étienne", 4.9, 61},
         {"Less is more here",
          "Too much product under the eye shows as a blue puffy line.\nAsk for a small amount and a review after two weeks.",
          "Chiara Dell'Orto, MD, PhD", "Ophthalmologist", "Reggio di Calabria", {}, {}},
         {"Consider your cheeks too",
          "Sometimes the hollow is a sign of cheek volume loss, and treating the cheek softens it.",
          "Marco di Stefano, DO", "Physician Assistant", "Lucca", 4.2, 9}},
        {vote_template, "d'Arcy", "Calabria"}});
}

TEST_CASE("Irish O' names with straight and typographic apostrophes, accents, 'MB, BCh'", "[pages][attribution]") {
    require_fixture("names_irish.txt", {
        "Will My Nose Swell Again After Rhinoplasty?",
        "It has been five months and the tip still swells after exercise.",
        {{"Tip swelling is the last to settle", "The skin of the tip is thick and holds fluid for a year or longer.",
          "Seán O'Sullivan, MD, FACS", "Head and Neck Surgeon", "Dún Laoghaire", 4.8, 140},
         {"Cool down slowly after a workout", "Heat makes it worse, so a cool shower and rest help.",
          "Ciarán O’Neill, MD", "Facial Plastic Surgeon", "Cork", {}, {}},
         {"Taping at night can help", "Ask your surgeon whether taping suits your nose.", "Niamh Ní Bhriain, MB, BCh",
          "Otolaryngologist", "Galway", 4.9, 23}},
        {vote_template, "O'Sullivan", "O’Neill", "Bhriain"}});
}

TEST_CASE("Honorifics before a name and degrees after it, with or without a comma", "[pages][attribution]") {
    require_fixture("honorifics_degrees.txt", {
        "Can Sculptra Be Used in the Temples?",
        "My temples look hollow since I lost weight.",
        {{"Yes, with care", "Sculptra works well in the temples when it is diluted and injected deep.",
          "Dr. Hannah Okafor-Adeyemi", "Cosmetic Surgeon", "Leeds", 4.9, 77},
         {"Several sessions are needed", "Plan on two or three sessions six weeks apart.", "Liam Chen, DO",
          "Nurse Practitioner", "Denver", {}, {}},
         {"Filler is faster", "Hyaluronic acid gives an immediate result if you are in a hurry.",
          "Priya Raman, MD, PhD", "Dermatologist", "Austin", 4.7, 1},
         {"Massage afterwards", "Massage the area five times a day for five days to keep the product even.",
          "Ruth Abernathy DDS", "Cosmetic Dentist", "Tulsa", {}, {}}},
        {vote_template, "Okafor", "Abernathy"}});
}

TEST_CASE("Specialties of several words with '/', '-', ',' and 'and' or '&' inside, and cities of several words",
          "[pages][attribution]") {
    require_fixture("specialty_compound.txt", {
        "Should I Fix My Deviated Septum and My Nose Shape Together?",
        "I cannot breathe through my left nostril and I dislike my hump.",
        {{"One operation can do both",
          "A septorhinoplasty straightens the septum and reshapes the bridge under one anaesthetic.",
          "Renée Stone-Whitfield, MD", "Facial Plastic/Reconstructive Surgeon", "Salt Lake City", 4.9, 305},
         {"Check your insurance", "Insurance may pay for the breathing part but not for the cosmetic part.",
          "Omar Haddad, MD", "Ear, Nose and Throat Specialist", "Winston-Salem", 4.4, 12},
         {"Ask about the turbinates", "Large turbinates block the airway too and can be reduced at the same time.",
          "Grace Liu, MD", "Oral & Maxillofacial Surgeon", "Fort Lauderdale", {}, {}},
         {"Recovery takes a week or two", "Most people return to desk work after ten days.", "Dana Whitaker, MD",
          "OB-GYN", "Boise", {}, {}}},
        {vote_template, "Salt Lake", "Boise"}});
}

TEST_CASE("Place names of several words with particles: 'upon', 'de la', \"d'\"", "[pages][attribution]") {
    require_fixture("multiword_cities.txt", {
        "Can I Fly After Eyelid Surgery?",
        "I live abroad and want to fly home five days after my operation.",
        {{"Five days is usually fine",
          "Flying does not harm the eyelids, though dry cabin air can irritate the eyes.\n\n"
          "Bring lubricating drops and keep your head raised when you sleep.",
          "Eleanor Pryce-Jones, MD", "Oculoplastic Surgeon", "Newcastle upon Tyne", 4.9, 58},
         {"Wait until your stitches are out",
          "Most surgeons remove them at five to seven days and like to check the wound before you leave.",
          "Rafael de la Vega, MD", "Dermatologic Surgeon", "Palm Beach Gardens", 4.6, 14},
         {"Swelling peaks in the first days", "Expect to look bruised on the flight, but it is not dangerous.",
          "Marguerite Aubé, MD", "Ophthalmologist", "Coeur d'Alene", {}, {}}},
        {"Tyne", "Gardens", "Alene"}});
}

TEST_CASE("A doctor's sign-off at the end of a body is body text, not the attribution", "[pages][attribution]") {
    require_fixture("signoff_in_body.txt", {
        "Why Do I Still Have Swelling Three Weeks After a Facelift?",
        "My jawline is still puffy and firm on one side.",
        {{"Firm swelling is normal at three weeks",
          "Swelling often settles unevenly and one side can lag behind the other.\n\n"
          "Lymphatic massage from a trained therapist helps it along.\n\n"
          "Dr. Alan Whitcombe\nBoard Certified Facial Plastic Surgeon",
          "Alan Whitcombe, MD", "Facial Plastic Surgeon", "Charleston", 4.9, 96},
         {"Watch for a collection of fluid",
          "A soft swelling that grows may be a seroma and should be drained.\n\n"
          "Warm regards,\nDr. Meera Joshi\nDouble Board Certified Dermatologist",
          "Meera Joshi, MD", "Dermatologist", "Austin", 4.9, 210},
         // Shaped like an attribution, but the real one follows it.
         {"Give it three months", "Final results take three to six months.\n\nDr. Tom Reyes\nFacial Plastic Surgeon",
          "Tom Reyes, MD", "Facial Plastic Surgeon", "Phoenix", 4.5, 33}},
        {vote_template, "Charleston", "96 reviews"}});
}

TEST_CASE("A sign-off on a page without vote templates, with and without an attribution after it",
          "[pages][attribution]") {
    require_fixture("signoff_no_templates.txt", {
        "Does Fat Transfer to the Face Last?",
        "I am thinking about fat grafting to my cheeks instead of filler.",
        {{"Part of the fat stays for good",
          "Some of the transferred fat is absorbed in the first months, and what survives after six months usually "
          "stays.\n\nDr. Irene Castellano\nBoard Certified Plastic Surgeon",
          "Irene Castellano, MD", "Plastic Surgeon", "San Antonio", 4.8, 71},
         {"Expect a second session",
          "Many patients need a touch-up to reach the volume they want.\n\n"
          "Best wishes,\nDr. Victor Almeida\nFellowship Trained Facial Plastic Surgeon",
          "", "", "", {}, {}}},
        {"San Antonio", "71 reviews"}});
}

TEST_CASE("Rating lines with one review, no count, thousands, and attribution blocks of one line",
          "[pages][attribution]") {
    require_fixture("ratings_forms.txt", {
        "How Many Units of Botox for a Lip Flip?",
        "I want my upper lip to show a little more when I smile.",
        {{"Four to six units", "A lip flip needs only a few units spread along the border of the upper lip.",
          "Nadia Kowalski, MD", "Dermatologist", "Chicago", 5.0, 1},
         {"Expect a subtle change", "The result is small and lasts about two months.", "", "Dermatologist", "", 4.5, {}},
         {"Drinking through a straw may feel odd", "Some people find straws and whistling harder for a week or two.",
          "", "", "", 3.9, 1482},
         {"Filler may suit you better",
          "If the lip is thin rather than rolled in, a small amount of filler does more.", "", "", "", {}, {}}},
        {vote_template, "Share this page", "1,482", "Kowalski"}});
}

TEST_CASE("A page with fewer answers than it says is indexed as read, with a warning naming the line",
          "[pages][attribution]") {
    qadex::PageWarnings warnings;
    Thread t = fixture("count_mismatch.txt", &warnings);
    require_page(t, {"Is Hair Loss After Surgery Permanent?",
                     "Two months after my tummy tuck my hair is coming out in handfuls.",
                     {{"This is telogen effluvium",
                       "Stress from surgery pushes many hairs into their resting phase at once; they shed about three "
                       "months later.\n\nIt grows back within six months in almost everyone.",
                       "Karen Holloway, MD", "Dermatologist", "Nashville", 4.7, 45},
                      {"Check your iron levels",
                       "Low iron and thyroid problems make the shedding worse and are easy to test.",
                       "Samuel Adebayo, MD", "Plastic Surgeon", "Houston", {}, {}}},
                     {vote_template}});
    REQUIRE(warnings.size() == 1);
    auto file = (qadex::test::fixtures_dir() / "pages" / "count_mismatch.txt").string();
    CHECK(warnings[0].what() == file + ":5: page says 3 answers but 2 were found");
}

TEST_CASE("Author lines: names with particles, honorifics and degrees, but prose is not a name", "[pages][attribution]") {
    using qadex::page::is_author_line;
    for (std::string_view yes : {"Ann Lee", "Dr. Lee", "Dr Ann Lee", "Prof. Dr. Anna Weber", "Ann Lee, MD",
                                 "Ann Lee, M.D., FACS", "Ann Lee MD", "Ann Lee, MD PhD", "Sir Arthur Pell, FRCS(Plast)",
                                 "Maria das Dores Lima", "Jan ter Horst", "Ludwig zu Salm", "Giulia dell'Acqua, MD",
                                 "Dr. Ibn Rushd", "Ana María García y López, DDS", "Ó Briain Ní Cheallaigh"}) {
        INFO(yes);
        CHECK(is_author_line(yes));
    }
    for (std::string_view no : {"Lee", "Thanks for asking", "de la Cruz", "Ann Lee de", "Ann Lee, thanks",
                                "Ann Lee, MD, and more", "I hope this helps, MD", "Ann 2 Lee", "Best wishes,", ""}) {
        INFO(no);
        CHECK_FALSE(is_author_line(no));
    }
}

TEST_CASE("City and specialty lines: compound specialties, and title lines that are no city", "[pages][attribution]") {
    using qadex::page::parse_city_specialty;
    struct Row {
        std::string_view line, city, specialty;
    };
    for (const Row& row : std::vector<Row>{
             {"Boston Head and Neck Surgeon", "Boston", "Head and Neck Surgeon"},
             {"Physician Assistant", "", "Physician Assistant"},
             {"Austin OB/GYN", "Austin", "OB/GYN"},
             {"Baton Rouge Anti-Aging Specialist", "Baton Rouge", "Anti-Aging Specialist"},
             {"Frankfurt am Main Hair Restoration Surgeon", "Frankfurt am Main", "Hair Restoration Surgeon"},
             {"Stratford-upon-Avon Dentist", "Stratford-upon-Avon", "Dentist"},
         }) {
        INFO(row.line);
        auto got = parse_city_specialty(row.line);
        REQUIRE(got);
        CHECK(got->first == row.city);
        CHECK(got->second == row.specialty);
    }
    for (std::string_view no : {"Board Certified Facial Plastic Surgeon", "Double Board Certified Dermatologist",
                                "Fellowship Trained Surgeon", "Please see a Surgeon", "Boston and Surgeon",
                                "Boston Plastic", "and Surgeon", "Your Dermatologist"}) {
        INFO(no);
        CHECK_FALSE(parse_city_specialty(no));
    }
}

TEST_CASE("On a page with vote templates, an attribution-shaped block followed by more text is body text",
          "[pages][attribution]") {
    const std::string answer = "Title\n{{ v }}\nBody.\n\nDr. Ann Lee\nBoston Dermatologist\n\nP.S. Call the office.\n";
    qadex::PageWarnings warnings;
    Thread t = qadex::parse_page("Q?\n\nDoctor Answers 1\n\n" + answer, "p.txt", "p", &warnings);
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].body == "Body.\n\nDr. Ann Lee\nBoston Dermatologist\n\nP.S. Call the office.");
    CHECK(t.answers[0].author.empty());
    CHECK(t.answers[0].specialty.empty());
    CHECK(warnings.empty());
    // The same block at the end of the answer is its attribution.
    t = qadex::parse_page("Q?\n\nDoctor Answers 1\n\nTitle\n{{ v }}\nBody.\n\nDr. Ann Lee\nBoston Dermatologist\n", "p.txt",
                          "p", &warnings);
    REQUIRE(t.answers.size() == 1);
    CHECK(t.answers[0].body == "Body.");
    CHECK(t.answers[0].author == "Dr. Ann Lee");
    CHECK(t.answers[0].location == "Boston");
    CHECK(warnings.empty());
}
