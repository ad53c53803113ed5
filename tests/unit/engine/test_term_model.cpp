// The key-term model (searcher/engine/term_model.hpp) with the shipped
// weights, on a small database written here.
#include <catch2/catch.hpp>

#include <map>

#include <xapian.h>

#include <qadex/error.hpp>
#include <qadex/schema.hpp>

#include "engine/question_text.hpp"
#include "engine/term_model.hpp"
#include "test_support.hpp"

using namespace qadex;
using namespace qadex::term_feature;

namespace {

struct Doc {
    const char* title;
    const char* tag;
    const char* body;
};

// Terms as qadex-index writes them (schema.hpp: English stems, STEM_SOME,
// one prefix per field), without the indexer's code, which is being moved.
void write_database(const std::string& path) {
    const Doc docs[] = {
        {"What causes headaches?", "Headache", "My mother started having headaches yesterday after she started a new job."},
        {"How is flu treated?", "Flu", "Rest and fluids. Your mother or father started feeling better? See a doctor."},
        {"What is dermatomyositis?", "Dermatomyositis",
         "Dermatomyositis is a rare inflammatory disease marked by muscle weakness and a skin rash."},
        {"Can stress cause back pain?", "Back Pain", "Yesterday my mother started yoga; stress and back pain eased."},
        {"What are the symptoms of diabetes?", "Diabetes", "Thirst, tiredness, blurred vision. My mother started insulin."},
        {"How to sleep better?", "Sleep", "Since yesterday I started a routine; my father and mother sleep well."},
    };
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator gen;
    gen.set_stemmer(Xapian::Stem("english"));
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const Doc& d : docs) {
        Xapian::Document doc;
        gen.set_document(doc);
        gen.index_text(Xapian::Unicode::tolower(d.title), 1, schema::prefix::title);
        gen.index_text(Xapian::Unicode::tolower(d.tag), 1, schema::prefix::tag);
        gen.index_text(Xapian::Unicode::tolower(d.body), 1, schema::prefix::body);
        doc.add_boolean_term(schema::filter_term(schema::prefix::filter_tag, d.tag));
        db.add_document(doc);
    }
    db.commit();
}

std::map<std::string, double> probabilities(const std::vector<KeyTerm>& terms) {
    std::map<std::string, double> by_word;
    for (const auto& t : terms) by_word[t.word] = t.probability;
    return by_word;
}

TermModel shipped_model() { return TermModel::load((test::source_dir() / "data" / "term-model.tsv").string()); }

}  // namespace

TEST_CASE("term model: a rare medical word outweighs the chatter of a long question", "[term_model]") {
    test::TempDir dir;
    write_database((dir / "db").string());
    const Xapian::Database db((dir / "db").string());

    const auto p = probabilities(key_terms(
        "Hi, yesterday my mother started to feel weak and her doctor said it could be dermatomyositis. "
        "What should we do?",
        db, shipped_model()));
    REQUIRE(p.count("dermatomyositis"));
    for (const char* chatter : {"yesterday", "mother", "started"}) {
        INFO(chatter);
        REQUIRE(p.count(chatter));
        CHECK(p.at("dermatomyositis") > p.at(chatter));
    }
    CHECK_FALSE(p.count("what"));  // stopwords are not content words
    for (const auto& [word, probability] : p) {
        CHECK(probability > 0.0);
        CHECK(probability < 1.0);
    }
}

TEST_CASE("term model: features read from the question's typing", "[term_model]") {
    test::TempDir dir;
    write_database((dir / "db").string());
    const Xapian::Database db((dir / "db").string());

    std::map<std::string, TermFeatures> f;
    for (auto& w : content_words("My doctor said I have Crohn\u2019s disease, and CROHN'S is rare. Which diet helps?", db))
        f[w.word] = w.features;
    REQUIRE(f.count("crohn's"));  // U+2019 read as an apostrophe, one entry for both spellings
    CHECK(f["crohn's"][occurrences] == 2);
    CHECK(f["crohn's"][capitalised] == 1);
    CHECK(f["crohn's"][all_caps] == 1);
    CHECK(f["crohn's"][unknown] == 1);
    CHECK(f["doctor"][first_sentence] == 1);
    CHECK(f["doctor"][last_sentence] == 0);
    CHECK(f["doctor"][position] < f["diet"][position]);  // stopwords count: "my" is word 0
    CHECK(f["helps"][position] == 1);
    CHECK(f["diet"][asking_sentence] == 1);
    CHECK(f["diet"][last_sentence] == 1);
    CHECK(f["diet"][nidf_body] == 1);  // in no answer
    CHECK(f["disease"][nidf_body] < 1);
}

TEST_CASE("term model: a bad model line is reported with its file and line", "[term_model]") {
    test::TempDir dir;
    const std::string path = (dir / "model.tsv").string();
    auto line_of_error = [&](const std::string& text) -> std::size_t {
        test::write_file(path, text);
        try {
            TermModel::load(path);
        } catch (const InputError& e) {
            CHECK(e.file() == path);
            CHECK(std::string(e.what()).starts_with(path));
            return e.line();
        }
        FAIL("no error for:\n" << text);
        return 99;
    };
    CHECK(line_of_error("# comment\nbias\t0.5\nnidf_body\tabc\n") == 3);
    CHECK(line_of_error("bias\t0.5\n\nnidf_bodily\t1\n") == 3);
    CHECK(line_of_error("bias 0.5\n") == 1);
    CHECK(line_of_error("bias\t0.5\nbias\t1\n") == 2);
    CHECK(line_of_error("bias\t0.5\n") == 0);  // weights missing: the file is at fault
    CHECK_THROWS_AS(TermModel::load((dir / "absent.tsv").string()), InputError);

    const TermModel model = shipped_model();  // the shipped file loads
    CHECK(model.keep_probability(TermFeatures{}) > 0.0);
}
