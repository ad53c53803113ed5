// The search core shared by every front end (one-shot, interactive, batch,
// CGI): query understanding, ranking, collapsing, snippets and facets over
// one open database.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include <qadex/database_check.hpp>
#include <qadex/database_open.hpp>
#include <qadex/error.hpp>
#include <qadex/fields.hpp>
#include <qadex/stored_answer.hpp>
#include <qadex/text_normalizer.hpp>

#include "engine/highlighted_text.hpp"
#include "engine/query_builder.hpp"
#include "engine/remote_deadline.hpp"
#include "engine/thread_lookup.hpp"

namespace qadex {

class ResultCache;

enum class SortOrder { relevance, rating, date };

// "relevance", "rating" or "date", as --sort and the CGI's sort= spell it.
const char* sort_name(SortOrder order);

// The query is refused above this many bytes (exit_code::bad_query; CGI 413).
inline constexpr std::size_t max_query_bytes = 4096;

// Xapian looks at this many matches at least before it may stop early, so a
// query with fewer is counted exactly, whatever the page (Enquire::get_mset's
// check_at_least).
inline constexpr std::size_t exact_count_min = 1000;

// The query is empty, too long, or not UTF-8: exit_code::bad_query.
class BadQueryError : public Error {
public:
    using Error::Error;
};

struct SearchRequest {
    std::string query;
    std::size_t page = 1;       // 1-based
    std::size_t per_page = 10;
    bool collapse = true;       // best answer per question, "+N more answers"
    std::vector<std::pair<std::string, std::string>> filters;  // field -> exact value (filter_fields())
    SortOrder sort = SortOrder::relevance;
    bool facets = false;
    std::size_t snippet_bytes = 300;
    bool spelling = true;   // suggest a correction; retry with it when nothing matched
    bool synonyms = true;   // expand query words with the index's synonyms
    bool explain = false;   // fill SearchHit::explanation
};

// One query term's share of a hit's score (--explain).
struct TermContribution {
    std::string term;   // as indexed: prefix + (stemmed) word
    std::string field;  // "text", "title", "question", ... or "boost"
    double weight = 0;  // added to the score
    std::uint32_t wdf = 0;  // occurrences in the document
};

struct SearchHit {
    std::size_t rank = 0;  // 1-based over the whole result list
    double score = 0;
    int percent = 0;
    StoredAnswer stored;
    HighlightedText snippet;   // plain text, the matched words highlighted
    std::size_t more_answers = 0;  // other matching answers to the same question (collapse)
    std::vector<TermContribution> explanation;  // only when SearchRequest::explain
};

struct FacetValue {
    std::string value;
    std::uint64_t count = 0;
};

struct SearchResult {
    std::string query;        // as given
    std::string interpreted;  // Xapian's description of the query that ran
    std::vector<std::string> notices;  // e.g. "syntax error ...; searched as plain words"
    std::string corrected;    // spelling suggestion ("did you mean"), empty when none
    bool auto_corrected = false;  // nothing matched `query`: the hits are for `corrected`
    std::uint64_t total_estimate = 0;  // exact when total_exact
    bool total_exact = false;          // every match was counted (up to exact_count_min)
    std::vector<SearchHit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;  // field -> values by count
    double took_ms = 0;
    std::optional<StoredAnswer> similar_to;  // related(): the answer the hits are like
};

// What to do about the damaged database at `path` ("check it with
// xapian-check 'PATH', and rebuild it ..."), said after the message naming it.
std::string damage_advice(const std::string& path);

// The database at `path` fails to read: `detail` says how, the advice follows.
DatabaseDamagedError damaged_database(const std::string& path, const std::string& detail);

// No answer or thread has the id related() was given: exit_code::not_found.
class UnknownIdError : public Error {
public:
    using Error::Error;
};

// Not thread-safe: one per thread. Throws DatabaseMissingError,
// SchemaMismatchError, ShardUnavailableError or DatabaseDamagedError from the
// constructor; search() throws BadQueryError, ShardUnavailableError (a
// remote shard failed, or the remote shards did not finish within the
// remote timeout), DatabaseDamagedError (the files fail to read: a damaged
// block, a posting for a document that is not there, stored data that does
// not decode), and Xapian::Error for other database trouble
// (DatabaseModifiedError is retried after reopening).
//
// With remote shards, the remote timeout (DatabaseOpenOptions) bounds each
// question as a whole: opening (or reopening) the database and the search,
// related() or thread() that follows, together (engine/remote_deadline.hpp).
class SearchEngine {
public:
    explicit SearchEngine(const std::string& database_path, RankingSettings ranking = {},
                          DatabaseOpenOptions open = DatabaseOpenOptions::from_environment());
    SearchResult search(const SearchRequest& request);
    // One page of a thread's answers (the page behind "+N more answers"),
    // in index order, thread_page_size a page; total 0 when no thread has
    // this id. Throws Xapian::Error.
    ThreadPage thread(const std::string& thread_id, std::size_t page = 1);
    // "Related questions": answers to other questions like the answer with
    // this id, or like the thread with this id (engine/related.hpp), best
    // answer per question, never one of the seed's thread. `request` gives
    // the page, page size, filters, sort and snippet size; its query is not
    // used. Throws UnknownIdError, BadQueryError (an empty or non-UTF-8 id),
    // and as search() does.
    SearchResult related(const std::string& id, const SearchRequest& request);
    const Xapian::Database& database() const { return db_; }
    // Moves to the latest revision the indexer committed (a long-lived
    // engine follows the database with it: engine/following_engine.hpp);
    // false when there was none. Throws Xapian::Error (NetworkError from a
    // remote shard: the next search connects again).
    bool reopen();
    // Keeps recent results of search() in memory, up to about `max_bytes`
    // (engine/result_cache.hpp), for an engine that serves many requests
    // (qadex.fcgi). Used for a single local database; over shards, whose
    // revision cannot be read, every search is run. 0 turns it off.
    void keep_recent_results(std::size_t max_bytes);
    const ResultCache* result_cache() const { return cache_.get(); }

private:
    using Clock = std::chrono::steady_clock;
    Xapian::Query filter_query(const SearchRequest& request) const;
    SearchResult run(const SearchRequest& request);
    SearchResult run_related(const std::string& id, const SearchRequest& request);
    // Runs `work` within the question's remote deadline, reopening a
    // modified database, and connecting again once to remote shards that
    // dropped the connection; a shard's failure or the deadline becomes
    // ShardUnavailableError, damage DatabaseDamagedError.
    template <typename Work>
    auto with_retries(Work&& work);
    void run_query(const SearchRequest& request, const BuiltQuery& built, SearchResult& result);
    std::vector<TermContribution> explain(Xapian::docid doc, double score, const BuiltQuery& built) const;
    // Opens path_ (within the remote timeout, for a stub), setting remote_shards_ and remote_sockets_.
    Xapian::Database open_database();
    void reconnect();  // opens the database again, with new remote connections
    // The deadline of the question now starting: the remote timeout, less
    // what the opening or reopening just before it took. Empty without remote shards.
    std::unique_ptr<RemoteDeadline> start_exchange();
    // The question ran out of time; `shard` (as the stub names it) or
    // Xapian's `context` (the connection being read) say where, when known.
    ShardUnavailableError timed_out(const std::string& shard = "", const std::string& context = "") const;

    std::string path_;
    DatabaseOpenOptions open_;
    // Set by open_database(), so before db_:
    std::size_t remote_shards_ = 0;    // shards served by xapian-tcpsrv or a program
    std::set<SocketId> remote_sockets_;  // their connections
    Clock::duration carried_{};        // spent opening or reopening, counted in the next question's deadline
    bool reconnect_needed_ = false;    // a remote exchange failed or ran out of time: its connections are not to be trusted
    Xapian::Database db_;
    QueryBuilder builder_;
    TextNormalizer snippet_normalizer_;  // folds non-ASCII words of snippets as the indexer did
    std::shared_ptr<ResultCache> cache_;  // keep_recent_results(); shared_ptr: the type is incomplete here
};

}  // namespace qadex
