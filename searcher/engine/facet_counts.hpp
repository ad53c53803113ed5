// Facet counts for the web front end, computed after SearchEngine::search
// ran without them (SearchRequest::facets = false).
//
// Why here and not SearchRequest::facets: the engine counts facets with
// ValueCountMatchSpy during its ranked match with check_at_least set to the
// whole database, which weighs every match and reads three values per match
// by random access; on MedQuAD that makes a search about three times as
// costly, the largest part of a CGI request. This computes the same counts
// with one unweighted match over the same query in document order and one
// ordered pass over each facet's value stream, for about a quarter of that.
// It counts over SearchResult::matching_query, the query the engine matched
// with; tests/web and tests/test_facet_counts.cpp check that the counts stay
// identical to the engine's. (Belongs in SearchEngine; see docs/WEB.md.)
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "engine/search_engine.hpp"

namespace qadex {

// Completes `result`, which SearchEngine::search returned for `request`
// with facets off, as the engine would have with them on: fills
// SearchResult::facets (per field, at most 20 values, most frequent first,
// ties by value) and, since every match is then known, makes each hit's
// more_answers exact instead of Xapian's lower bound. The total stays
// Xapian's estimate. Retries after reopening when the indexer
// discards the revision; throws Xapian::Error.
void add_facets(Xapian::Database db, const SearchRequest& request, SearchResult& result);

}  // namespace qadex
