// Stemming and stopping of both programs (see text_analysis.hpp).
#include <qadex/text_analysis.hpp>

#include <qadex/stopwords.hpp>

namespace qadex {

Xapian::Stem term_stemmer() { return Xapian::Stem("english"); }

void configure_analysis(Xapian::TermGenerator& generator) {
    generator.set_stemmer(term_stemmer());
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void configure_analysis(Xapian::QueryParser& parser) {
    parser.set_stemmer(term_stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(&english_stopper());
}

}  // namespace qadex
