// The state of one interactive session (the query, page, filters, sort and
// the page on screen) and what each command does to it. It knows nothing of
// terminals: readline and piped input feed it lines the same way.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "interactive/commands.hpp"
#include "interactive/view.hpp"
#include "engine/following_engine.hpp"

namespace qadex::interactive {

class Session {
public:
    // `settings` gives the starting page size, filters, sort and collapsing
    // (from the command line). Results go to `out`, one-line errors to `err`.
    // Before each line the engine follows the database
    // (engine/following_engine.hpp): the indexer's commits, a database
    // rebuilt, replaced, moved or deleted.
    Session(FollowingEngine& engine, const SearchRequest& settings, std::ostream& out, std::ostream& err,
            ViewStyle style);

    // Runs one typed line. Errors (bad query, unknown command, unknown
    // filter field, database trouble: missing, damaged, a shard down) are
    // reported on `err` and the session goes on. Returns false when the user
    // asked to quit.
    bool run_line(const std::string& line);

    // The terminal was resized: wrap opened answers to the new width.
    void set_width(std::size_t columns) { style_.width = columns; }

private:
    bool run(const Command& command);
    bool has_search() const { return !request_.query.empty() || !request_.filters.empty(); }
    // Searches `request`; on success it becomes the current one and its page is shown.
    void show(const SearchRequest& request);
    void rerun_from_first_page(SearchRequest request);
    void next_page();
    void go_to_page(std::size_t page);
    void open(std::size_t rank);
    void similar(std::size_t rank);
    const SearchHit& hit_at(std::size_t rank, std::optional<SearchResult>& fetched);
    void add_filter(const std::string& field, const std::string& value);
    void clear_filters(const std::string& field);
    void show_facets();
    void require_search(const char* what) const;

    SearchEngine& engine() { return engine_.engine(); }

    FollowingEngine& engine_;
    SearchRequest request_;
    std::optional<SearchResult> shown_;  // the page on screen
    std::ostream& out_;
    std::ostream& err_;
    ViewStyle style_;
};

}  // namespace qadex::interactive
