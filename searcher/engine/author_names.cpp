// Author names among a question's words (see author_names.hpp).
#include "engine/author_names.hpp"

#include <set>

#include <qadex/schema.hpp>
#include <qadex/stopwords.hpp>

namespace qadex {

std::vector<Xapian::Query> author_name_clauses(const Xapian::Database& db, const std::vector<std::string>& words,
                                               double weight) {
    std::vector<Xapian::Query> out;
    if (weight <= 0) return out;
    const Xapian::Stopper& stopper = english_stopper();
    std::set<std::string> seen;
    for (const std::string& word : words) {
        if (stopper(word) || !seen.insert(word).second) continue;
        // The indexer's TermGenerator writes each name word unstemmed with
        // the bare prefix (and stemmed with "Z"): a name is matched as written.
        std::string term = std::string(schema::prefix::author) + word;
        if (!db.term_exists(term)) continue;
        Xapian::Query clause(term);
        out.push_back(weight == 1.0 ? clause : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, clause, weight));
    }
    return out;
}

}  // namespace qadex
