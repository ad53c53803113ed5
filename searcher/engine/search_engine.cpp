// Search core (see search_engine.hpp).
#include "engine/search_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <qadex/database_location.hpp>
#include <qadex/database_open.hpp>
#include <qadex/schema.hpp>
#include <qadex/stub_file.hpp>
#include <qadex/utf8.hpp>

#include "engine/facet_counts.hpp"
#include "engine/related.hpp"
#include "engine/remote_collapse.hpp"
#include "engine/reopen_retry.hpp"
#include "engine/result_cache.hpp"
#include "engine/snippet.hpp"
#include "engine/thread_lookup.hpp"

namespace qadex {

namespace {

constexpr std::string_view parsed_nothing_notice = "nothing matched the query as parsed; searched as plain words";

// What a damaged file raises as a search reads it: what is_damage() knows,
// and a posting for a document the database does not have (within the one
// revision a search reads, only damage makes one; a writer may meet it otherwise).
bool damaged(const Xapian::Error& e) { return is_damage(e) || std::string_view(e.get_type()) == "DocNotFoundError"; }

// Whether `path` is a stub listing a shard served by xapian-tcpsrv or a program.
bool lists_remote_shards(const std::string& path) {
    const std::filesystem::path stub = stub_file_of(path);
    if (stub.empty()) return false;
    try {
        for (const StubEntry& e : read_stub_file(stub))
            if (e.kind == StubEntry::Kind::remote_tcp || e.kind == StubEntry::Kind::remote_program) return true;
    } catch (const FatalError&) {  // a bad stub: open_search_database() says what is wrong with it
    }
    return false;
}

// The unique answer-id term of a document: it selects exactly this document.
std::string first_id_term(const Xapian::Document& document) {
    Xapian::TermIterator t = document.termlist_begin();
    t.skip_to(schema::prefix::answer_id);
    if (t != document.termlist_end() && (*t).starts_with(schema::prefix::answer_id)) return *t;
    return {};
}

}  // namespace

std::string damage_advice(const std::string& path) {
    return "check it with xapian-check '" + path + "', and rebuild it with qadex-index --rebuild";
}

DatabaseDamagedError damaged_database(const std::string& path, const std::string& detail) {
    return DatabaseDamagedError(path, detail, damage_advice(path));
}

const char* sort_name(SortOrder order) {
    switch (order) {
        case SortOrder::rating: return "rating";
        case SortOrder::date: return "date";
        case SortOrder::relevance: break;
    }
    return "relevance";
}

SearchEngine::SearchEngine(const std::string& database_path, RankingSettings ranking, DatabaseOpenOptions open)
    : path_(database_path), open_(open), db_(open_database()), builder_(db_, ranking) {}

Xapian::Database SearchEngine::open_database() {
    const Clock::time_point start = Clock::now();
    // Only a stub with remote lines needs a watchdog (a thread) while it opens.
    std::set<SocketId> before;
    std::optional<RemoteDeadline> deadline;
    if (lists_remote_shards(path_)) {
        before = open_sockets();
        try {
            deadline.emplace(start + open_.remote_timeout, before);
        } catch (const std::system_error&) {  // no thread to be had: each message keeps its timeout
        }
    }
    OpenedDatabase opened;
    try {
        opened = open_search_database(path_, open_);
    } catch (const ShardUnavailableError& e) {
        if (deadline && deadline->expired()) throw timed_out(e.shard());
        throw;
    } catch (const Xapian::DatabaseModifiedError&) {
        // Still there after open_search_database() opened it six times: a
        // block newer than every commit, not a writer's.
        throw damaged_database(path_, newer_block);
    } catch (const Xapian::Error& e) {
        if (damaged(e)) throw damaged_database(path_, e.get_description());
        throw;
    }
    remote_shards_ = opened.remote_shards;
    remote_sockets_.clear();
    if (remote_shards_ > 0)
        for (const SocketId& socket : open_sockets())
            if (!before.contains(socket)) remote_sockets_.insert(socket);
    carried_ = Clock::now() - start;
    reconnect_needed_ = false;
    return opened.db;
}

std::unique_ptr<RemoteDeadline> SearchEngine::start_exchange() {
    const Clock::duration carried = std::exchange(carried_, Clock::duration{});
    if (remote_shards_ == 0) return nullptr;
    std::set<SocketId> spared = open_sockets();
    for (const SocketId& socket : remote_sockets_) spared.erase(socket);
    try {
        return std::make_unique<RemoteDeadline>(Clock::now() + open_.remote_timeout - carried, std::move(spared));
    } catch (const std::system_error&) {  // no thread to be had (a memory limit): each message keeps its timeout
        return nullptr;
    }
}

ShardUnavailableError SearchEngine::timed_out(const std::string& shard, const std::string& context) const {
    const Xapian::NetworkTimeoutError late(shard.empty() ? "the remote shards did not finish the search" : "",
                                           context);
    std::string message = shard_failure_message(late, true, open_);
    if (shard.empty()) return ShardUnavailableError(message);
    message.erase(0, message.find_first_not_of(": "));  // no words of Xapian's before the timeout's
    return ShardUnavailableError("shard " + shard + " is unavailable: " + message, shard);
}

bool SearchEngine::reopen() {
    const Clock::time_point start = Clock::now();
    bool changed = false;
    {
        const std::unique_ptr<RemoteDeadline> deadline = start_exchange();
        try {
            changed = db_.reopen();
        } catch (const Xapian::NetworkError&) {
            reconnect_needed_ = true;
            throw;
        }
    }
    carried_ = Clock::now() - start;
    if (!changed) return false;
    builder_ = QueryBuilder(db_, builder_.settings());  // what it read of the database is of the old revision
    return true;
}

void SearchEngine::reconnect() {
    db_ = open_database();
    builder_ = QueryBuilder(db_, builder_.settings());
}

Xapian::Query SearchEngine::filter_query(const SearchRequest& request) const {
    // Values of the same field are alternatives (OR); different fields must all hold (AND).
    std::map<std::string, std::vector<Xapian::Query>> by_field;
    for (const auto& [field, value] : request.filters) {
        const Field* f = find_field(field);
        if (!f || !f->is_filter()) throw BadQueryError("unknown filter field '" + field + "'");
        by_field[field].emplace_back(schema::filter_term(f->filter_prefix, value));
    }
    Xapian::Query combined;
    for (auto& [field, alternatives] : by_field) {
        Xapian::Query any(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
        combined = combined.empty() ? any : Xapian::Query(Xapian::Query::OP_AND, combined, any);
    }
    return combined;
}

template <typename Work>
auto SearchEngine::with_retries(Work&& work) {
    const std::unique_ptr<RemoteDeadline> deadline = start_exchange();
    const auto expired = [&] { return deadline && deadline->expired(); };
    for (int attempt = 0;; ++attempt) {
        try {
            if (reconnect_needed_) reconnect();
            return with_reopen_retry(db_, work);
        } catch (const Xapian::NetworkTimeoutError& e) {
            if (remote_shards_ == 0) throw;
            reconnect_needed_ = true;  // a late answer would be taken for the next message's
            if (expired()) throw timed_out("", e.get_context());
            throw ShardUnavailableError("a remote shard did not answer: " + shard_failure_message(e, true, open_));
        } catch (const Xapian::NetworkError& e) {
            if (remote_shards_ == 0) throw;
            reconnect_needed_ = true;  // xapian-tcpsrv drops connections idle for 60 s: connect again, once
            if (expired()) throw timed_out("", e.get_context());
            if (attempt > 0) throw ShardUnavailableError("a remote shard failed: " + shard_failure_message(e, false, open_));
        } catch (const ShardUnavailableError& e) {  // from reconnect()
            if (expired()) throw timed_out(e.shard());
            throw;
        } catch (const Xapian::Error& e) {
            if (expired()) {
                reconnect_needed_ = true;
                throw timed_out("", e.get_context());
            }
            if (damaged(e)) throw damaged_database(path_, e.get_description());
            throw;
        } catch (const BadQueryError&) {
            throw;
        } catch (const UnknownIdError&) {
            throw;
        } catch (const FatalError&) {
            throw;
        } catch (const Error& e) {
            // The engine's only other Error: stored data that does not decode
            // (decode_stored_answer) is a damaged document.
            throw damaged_database(path_, e.what());
        } catch (const std::length_error& e) {
            // A size read from a damaged block, beyond any string's: libxapian
            // lets std::string say so.
            throw damaged_database(path_, std::string("a size beyond any string's (") + e.what() + ")");
        }
    }
}

SearchResult SearchEngine::search(const SearchRequest& request) {
    if (!utf8::is_valid(request.query)) throw BadQueryError("the query is not valid UTF-8");
    if (request.query.size() > max_query_bytes)
        throw BadQueryError("the query is longer than " + std::to_string(max_query_bytes) + " bytes");
    if (request.query.find_first_not_of(" \t\r\n") == std::string::npos && request.filters.empty())
        throw BadQueryError("the query is empty");
    // Only one local database has a revision to tell a stale result by.
    const bool cached = cache_ && db_.size() == 1 && remote_shards_ == 0;
    if (cached) {
        const auto start = std::chrono::steady_clock::now();
        if (std::optional<SearchResult> hit = cache_->find(request, db_.get_revision())) {
            hit->took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return std::move(*hit);
        }
    }
    SearchResult result = with_retries([&] { return run(request); });
    // The revision after the search: a retry may have reopened the database.
    if (cached) cache_->store(request, db_.get_revision(), result);
    return result;
}

void SearchEngine::keep_recent_results(std::size_t max_bytes) {
    cache_ = max_bytes > 0 ? std::make_shared<ResultCache>(max_bytes) : nullptr;
}

ThreadPage SearchEngine::thread(const std::string& thread_id, std::size_t page) {
    return with_retries([&] { return thread_answers(db_, thread_id, page); });
}

SearchResult SearchEngine::related(const std::string& id, const SearchRequest& request) {
    if (!utf8::is_valid(id)) throw BadQueryError("the id is not valid UTF-8");
    if (id.find_first_not_of(" \t\r\n") == std::string::npos) throw BadQueryError("the id is empty");
    return with_retries([&] { return run_related(id, request); });
}

SearchResult SearchEngine::run_related(const std::string& id, const SearchRequest& request) {
    auto start = std::chrono::steady_clock::now();
    const RelatedSeed seed = find_related_seed(db_, id);
    if (seed.documents.empty()) throw UnknownIdError("no answer or question has the id '" + id + "'");
    SearchResult result;
    result.similar_to = decode_stored_answer(db_.get_document(seed.documents.front()).get_data());
    const RelatedSettings& settings = builder_.settings().related;
    BuiltQuery built;
    built.query = built.matching = related_query(db_, related_words(db_, seed, settings), seed, settings);
    if (built.query.empty()) {  // nothing in the seed is found elsewhere (and filters alone would match)
        result.total_exact = true;
        result.interpreted = built.query.get_description();
    } else {
        SearchRequest one_per_question = request;
        one_per_question.collapse = true;
        run_query(one_per_question, built, result);
    }
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

SearchResult SearchEngine::run(const SearchRequest& request) {
    auto start = std::chrono::steady_clock::now();
    SearchResult result;
    result.query = request.query;
    BuiltQuery built = builder_.build(request.query, request.spelling, request.synonyms);
    result.notices = built.notices;
    result.corrected = built.corrected;
    // Words found in no answer were replaced by their correction (RankingSettings).
    result.auto_corrected = !built.corrected.empty() && builder_.settings().replace_unknown_words;
    run_query(request, built, result);
    if (result.hits.empty() && result.total_estimate == 0 && !result.corrected.empty() && !result.auto_corrected) {
        result.auto_corrected = true;
        built = builder_.build_corrected(result.corrected, request.synonyms);
        run_query(request, built, result);
    }
    if (result.hits.empty() && result.total_estimate == 0 && built.parsed && built.field_filters.empty()) {
        // The query language's reading matched nothing (an unbalanced quote
        // makes the rest of the query one phrase): its words may.
        built = builder_.build_as_words(request.query, request.spelling, request.synonyms);
        result.notices = built.notices;
        result.notices.emplace_back(parsed_nothing_notice);
        result.corrected = built.corrected;
        result.auto_corrected = !built.corrected.empty() && builder_.settings().replace_unknown_words;
        run_query(request, built, result);
    }
    if (result.hits.empty() && result.total_estimate == 0)
        for (std::string& notice : unmatched_filter_notices(db_, request.filters, built.field_filters))
            result.notices.push_back(std::move(notice));
    result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return result;
}

void SearchEngine::run_query(const SearchRequest& request, const BuiltQuery& built, SearchResult& result) {
    const Xapian::Query filter = filter_query(request);
    auto filtered = [&](const Xapian::Query& q) {
        if (filter.empty()) return q;
        return q.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    };
    const Xapian::Query query = filtered(built.query);
    const Xapian::Query matching = filtered(built.matching);  // the same matches, without the priors
    result.interpreted = query.get_description();

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const RankingSettings& ranking = builder_.settings();
    enquire.set_weighting_scheme(Xapian::BM25Weight(ranking.bm25_k1, 0, 1, ranking.bm25_b, 0.5));
    // Collapsing reads each match's thread value; where no question has a
    // second answer it changes nothing (schema::first_answer_term).
    const bool collapse = request.collapse && db_.get_termfreq(schema::first_answer_term) != db_.get_doccount();
    if (collapse) enquire.set_collapse_key(schema::slot::thread_id);
    switch (request.sort) {
        case SortOrder::relevance: break;
        case SortOrder::rating: enquire.set_sort_by_value_then_relevance(schema::slot::rating, true); break;
        case SortOrder::date: enquire.set_sort_by_value_then_relevance(schema::slot::date, true); break;
    }
    // Over shards count_facets cannot run (facet_counts.hpp): the facets are
    // counted during the ranked match, which must then look at every match.
    std::optional<FacetSpies> spies;
    if (request.facets && (db_.size() > 1 || remote_shards_ > 0)) spies.emplace(enquire);
    const std::size_t first = (request.page - 1) * request.per_page;
    // Facets over shards are counted during the ranked match, which must then
    // look at every match. Otherwise the count must be exact up to
    // exact_count_min matches, and the same on every page: the ranked match
    // stops after the page when Xapian may; when it did not see every match
    // and cannot rule out fewer than exact_count_min (the bound of an OR is
    // its most frequent word's, so a query with a common word never needs
    // it), an unweighted match in document order counts up to
    // exact_count_min. Asking the ranked match for that instead keeps Xapian
    // from skipping the answers that cannot reach the page: at a million
    // answers it doubled the time of long questions (docs/RANKING.md, "Counts").
    const Xapian::doccount documents = db_.get_doccount();
    const std::size_t page_end = first + request.per_page;
    auto match = [&](std::size_t check_at_least) {
        const auto check = static_cast<Xapian::doccount>(std::min<std::size_t>(check_at_least, documents));
        Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(first),
                                             static_cast<Xapian::doccount>(request.per_page), check);
        // Fewer matches seen than asked for means all were: the matcher stops
        // early only after check_at_least. Xapian says so itself only without
        // collapsing; collapsed, its lower bound (the questions seen) is then the count.
        const bool exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() ||
                           mset.get_uncollapsed_matches_lower_bound() < check || check == documents;
        return std::pair{std::move(mset), exact};
    };
    auto [mset, exact] = match(spies ? documents : page_end);
    result.total_exact = exact;
    result.total_estimate = exact ? mset.get_matches_lower_bound() : mset.get_matches_estimated();
    if (!exact && !spies && mset.get_uncollapsed_matches_lower_bound() < exact_count_min) {
        Xapian::Enquire counter(db_);
        counter.set_query(matching);
        counter.set_weighting_scheme(Xapian::BoolWeight());
        counter.set_docid_order(Xapian::Enquire::ASCENDING);
        if (collapse) counter.set_collapse_key(schema::slot::thread_id);
        const auto check = static_cast<Xapian::doccount>(std::min<std::size_t>(exact_count_min, documents));
        const Xapian::MSet counted = counter.get_mset(0, 0, check);
        if (counted.get_uncollapsed_matches_lower_bound() < check) {
            result.total_exact = true;
            result.total_estimate = counted.get_matches_lower_bound();
        }
    }
    result.hits.clear();
    result.facets.clear();

    const SnippetMaker snippets(query, mset, snippet_normalizer_);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        SearchHit hit;
        hit.rank = first + it.get_rank() - mset.get_firstitem() + 1;
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hit.stored = decode_stored_answer(it.get_document().get_data());
        hit.more_answers = collapse ? it.get_collapse_count() : 0;
        const std::string& body = hit.stored.answer.body;
        hit.snippet = snippets.make(body, request.snippet_bytes, "…", hit.stored.body_cut());
        if (request.explain) hit.explanation = explain(*it, hit.score, built);
        result.hits.push_back(std::move(hit));
    }
    if (collapse && remote_shards_ > 0) count_more_answers_remotely(db_, matching, result.hits);
    if (spies) result.facets = spies->counts();
    else if (request.facets) count_facets(db_, matching, collapse, result);
}

std::vector<TermContribution> SearchEngine::explain(Xapian::docid doc, double score, const BuiltQuery& built) const {
    // BM25 weighs each term independently of the others, so a clause's share
    // is its weight as a query of its own (scaled as in the full query)
    // restricted to this document. What is left over comes from the rest of
    // the query (boosts, operators).
    std::vector<TermContribution> out;
    const Xapian::Document document = db_.get_document(doc);
    const Xapian::Query this_document(first_id_term(document));
    Xapian::Enquire single(db_);
    double sum = 0;
    for (const QueryClause& clause : built.clauses) {
        single.set_query(Xapian::Query(Xapian::Query::OP_FILTER, clause.query, this_document));
        Xapian::MSet m = single.get_mset(0, 1);
        if (m.empty() || m.begin().get_weight() <= 0) continue;
        TermContribution c;
        c.term = clause.label;
        c.field = clause.synonym ? "synonym" : clause.field;
        c.weight = m.begin().get_weight();
        Xapian::TermIterator t = document.termlist_begin();
        t.skip_to(clause.label);
        if (t != document.termlist_end() && *t == clause.label) c.wdf = t.get_wdf();
        sum += c.weight;
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
    if (std::abs(score - sum) > 1e-6 * std::max(1.0, score))
        out.push_back({"(rest of the query)", "boost", score - sum, 0});
    return out;
}

}  // namespace qadex
