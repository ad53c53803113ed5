// Stems only the words that could match the query (see snippet_stemmer.hpp).
#include "snippet_stemmer.hpp"

#include <algorithm>
#include <cctype>

namespace qadex {

namespace {

// Stems are compared by their first two bytes (one for one-byte stems).
std::string lead_of(const std::string& text) { return text.substr(0, 2); }

class QueryFilteredStem : public Xapian::StemImplementation {
public:
    QueryFilteredStem(Xapian::Stem english, std::vector<std::string> leads)
        : english_(std::move(english)), leads_(std::move(leads)) {}

    std::string operator()(const std::string& word) override {
        if (word.size() >= 2 && !could_match(word)) return word;
        return english_(word);
    }

    std::string get_description() const override { return "qadex::QueryFilteredStem(english)"; }

private:
    bool could_match(const std::string& word) const {
        for (const std::string& lead : leads_)
            if (word.compare(0, lead.size(), lead) == 0) return true;
        return false;
    }

    Xapian::Stem english_;
    std::vector<std::string> leads_;  // few: one per distinct query stem
};

}  // namespace

Xapian::Stem snippet_stemmer(const Xapian::Stem& english, const Xapian::Query& query) {
    std::vector<std::string> leads;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string& term = *t;
        // "Zbotox" is the answer text's stem; "ZSbotox" (an upper-case
        // prefix after Z) belongs to another field, which snippets never show.
        if (term.size() < 2 || term[0] != 'Z' || std::isupper(static_cast<unsigned char>(term[1]))) continue;
        std::string lead = lead_of(term.substr(1));
        if (std::find(leads.begin(), leads.end(), lead) == leads.end()) leads.push_back(std::move(lead));
    }
    return Xapian::Stem(new QueryFilteredStem(english, std::move(leads)));
}

}  // namespace qadex
