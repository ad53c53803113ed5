// "+N more answers" over remote shards. Xapian's remote backend does not
// send collapse counts back (every hit from xapian-tcpsrv says 0), so the
// other matching answers of each hit's thread are counted with one more
// query: the matches within the hits' threads, counted per thread by
// Xapian's ValueCountMatchSpy, which does run on the shard servers.
#pragma once

#include <vector>

#include <xapian.h>

#include "engine/search_engine.hpp"

namespace qadex {

// Sets each hit's more_answers to the exact number of other answers of its
// thread that `matching` matches.
void count_more_answers_remotely(const Xapian::Database& db, const Xapian::Query& matching,
                                 std::vector<SearchHit>& hits);

}  // namespace qadex
