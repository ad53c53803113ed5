// What one query may cost once it is parsed (docs/RANKING.md, "Limits").
// The text's caps (bytes, words, wildcards) cannot see what the parser
// makes of it: "of-a,of-a,..." is 4 KB of phrases, each searched in four
// fields. These bound the parsed query itself: its words however they are
// joined, repeated identical parts, its phrases, and the postings a match
// may have to read. Normal questions are far inside them (bench/RESULTS.md,
// "Issue 21: query cost"); they bite only on pathological input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace qadex {

// Words searched: the rest is dropped. A word is a run of letters and
// digits, however the words are joined ("of-a,of-a" is four).
inline constexpr std::size_t max_query_words = 256;

// The bounds of a parsed query; QueryBuilder keeps to them
// (RankingSettings::budget; tests lower them).
struct QueryBudget {
    // Phrases (and NEAR/ADJ groups) searched as such, counted in every
    // field (a hyphenated word is a phrase in each of the four); those
    // beyond are searched as their words. A phrase is matched by reading the
    // positions of its words in the answers that have them all.
    std::size_t max_positional = 64;
    // The estimated postings (estimated_cost) of a plain question's
    // phrases, and of a whole query. At a million answers an estimated
    // posting took 76-90 ns of CPU in ORs of many common words or phrases:
    // 4 million are about 360 ms, leaving room in the 500 ms of one search
    // for the rest. Normal questions estimate far less: at most 0.15
    // million on MedQuAD (985 MeQSum and 200 benchmark questions); at a
    // million answers 20 of the MeQSum ones are over, which took up to 2.6 s
    // (bench/RESULTS.md, "Issue 21: query cost").
    double max_positional_postings = 3e6;
    double max_query_postings = 4e6;
};

// A skip inside a posting list reads at most about this many postings to
// get to an answer (the rest of a chunk), so a list advanced to the
// matches of another reads at most this many postings per match.
inline constexpr double postings_per_skip = 32;
// A phrase tested at the answers another part finds (under an AND) reads
// its positions with a look-up at each: this many postings' worth (at a
// million answers, a phrase of two words in 30,000 answers each took 1.7 s
// in an OR under an AND, 0.03 s as an OR of its own).
inline constexpr double positions_per_test = 64;

// Where the (max + 1)th word of `text` starts (a word as above; an
// apostrophe inside a word joins it: "don't" is one), or npos.
std::size_t start_of_word_after(std::string_view text, std::size_t max);

// A part of a query and how many times it was there.
struct CountedQuery {
    Xapian::Query query;
    unsigned count = 1;
};

// The same part twice, whatever the query positions of its terms: the
// description without them ("of@1 PHRASE 2 a@2" and "of@3 PHRASE 2 a@4").
std::string identity_of(const Xapian::Query& q);

// `parts` with identical ones merged, in the order of their first occurrence.
std::vector<CountedQuery> merge_identical(const std::vector<Xapian::Query>& parts);

// `q` weighted as `count` parts like it: `q` itself for 1.
Xapian::Query weighted_as(const Xapian::Query& q, unsigned count);

// `q` with the identical subqueries of each OR and AND merged into one,
// weighted as many times: the same matches, and the same scores (BM25 adds
// up the parts' weights); `q` itself when nothing repeats.
Xapian::Query merge_identical_subqueries(const Xapian::Query& q);
// The same, setting `merged` when something was.
Xapian::Query merge_identical_subqueries(const Xapian::Query& q, bool& merged);

// What matching a query may read, estimated from term frequencies (an
// upper bound, not a prediction: Xapian skips much of it when it can).
struct QueryCost {
    double postings = 0;         // postings and positions read
    double matches = 0;          // answers it may match
    std::size_t positional = 0;  // phrases and NEAR/ADJ groups
    double positional_postings = 0;
};
QueryCost estimated_cost(const Xapian::Query& q, const Xapian::Database& db);

// The cost of a phrase of `terms` (as indexed, without a prefix) in the
// field of `prefix`: the positions of each word, in every answer that has
// the rarest one.
double phrase_postings(const std::vector<std::string>& terms, const std::string& prefix, const Xapian::Database& db);

}  // namespace qadex
