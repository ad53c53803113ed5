// Facet counts for SearchEngine (SearchRequest::facets): one unweighted
// pass over the matches, or Xapian's match spies over shards.
//
// Why not Xapian's ValueCountMatchSpy during the ranked match: exact counts
// need check_at_least set to the whole database, which weighs every match
// and reads each facet's value of every match by random access; on MedQuAD
// that makes a search about three times as costly. This counts over the
// query the engine matched with (ranking priors dropped: they never change
// which answers match) with one unweighted match in document order and one
// ordered pass over each facet's value stream, for about a quarter of that
// (docs/WEB.md, "Facets"). It needs the matches' document ids, which a
// match spy gets only from a single database (over several, Xapian passes
// each shard's own ids), and its spy is not one xapian-tcpsrv knows: over
// shards, local or remote, the engine counts with ValueCountMatchSpy.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "engine/search_engine.hpp"

namespace qadex {

inline constexpr std::size_t facet_values = 20;  // per facet field, most frequent first

// Fills result.facets for every facet field (qadex/fields.hpp): at most 20
// values each, most frequent first, ties by value, as ValueCountMatchSpy
// ranks them. Every match being known, each hit's more_answers is made
// exact too when `collapse` (Xapian's collapse count is a lower bound), and
// otherwise the total.
// `db` is one database, not shards. Throws Xapian::Error (the caller
// retries DatabaseModifiedError).
void count_facets(const Xapian::Database& db, const Xapian::Query& matching, bool collapse, SearchResult& result);

// Facet counts over shards: a ValueCountMatchSpy per facet field, which
// xapian-tcpsrv runs too. Exact only when the match looks at every document
// (check_at_least the whole database).
class FacetSpies {
public:
    explicit FacetSpies(Xapian::Enquire& enquire);  // adds the spies; `enquire` must not outlive this
    std::map<std::string, std::vector<FacetValue>> counts() const;  // after the match

private:
    std::vector<std::pair<std::string, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies_;
};

}  // namespace qadex
