// What each interactive command does (see session.hpp).
#include "interactive/session.hpp"

#include <algorithm>
#include <xapian.h>

namespace qadex::interactive {

Session::Session(FollowingEngine& engine, const SearchRequest& settings, std::ostream& out, std::ostream& err,
                 ViewStyle style)
    : engine_(engine), request_(settings), out_(out), err_(err), style_(style) {
    request_.query.clear();
    request_.page = 1;
    request_.facets = false;  // counted on demand by :facets
}

bool Session::run_line(const std::string& line) {
    std::string problem;
    try {
        engine_.refresh();  // the database may have been rebuilt, committed to or deleted since the last line
        return run(parse_command(line));
    } catch (const FatalError& e) {  // the database is missing, damaged or of another version; a shard is down
        engine_.discard();
        problem = e.what();
    } catch (const Error& e) {  // CommandError, BadQueryError
        problem = e.what();
    } catch (const Xapian::Error& e) {
        engine_.discard();
        problem = "database error: " + e.get_description();
    }
    out_.flush();  // keep the message after what was printed before it
    err_ << "qadex-search: " << problem << std::endl;
    return true;
}

bool Session::run(const Command& command) {
    switch (command.kind) {
        case CommandKind::nothing: break;
        case CommandKind::query: {
            SearchRequest request = request_;
            request.query = command.text;
            request.page = 1;
            show(request);
            break;
        }
        case CommandKind::next_page: next_page(); break;
        case CommandKind::previous_page:
            require_search("page through");
            if (request_.page == 1) out_ << "This is the first page.\n";
            else go_to_page(request_.page - 1);
            break;
        case CommandKind::go_to_page: go_to_page(command.number); break;
        case CommandKind::open: open(command.number); break;
        case CommandKind::similar: similar(command.number); break;
        case CommandKind::list:
            require_search("show");
            show(request_);
            break;
        case CommandKind::add_filter: add_filter(command.field, command.value); break;
        case CommandKind::show_filters: write_filters(out_, request_.filters); break;
        case CommandKind::clear_filters: clear_filters(command.field); break;
        case CommandKind::facets: show_facets(); break;
        case CommandKind::toggle_all: {
            SearchRequest request = request_;
            request.collapse = !request.collapse;
            out_ << (request.collapse ? "Showing the best answer per question.\n" : "Showing every matching answer.\n");
            rerun_from_first_page(request);
            break;
        }
        case CommandKind::sort: {
            SearchRequest request = request_;
            request.sort = command.sort;
            out_ << "Sorting by " << sort_name(command.sort) << ".\n";
            rerun_from_first_page(request);
            break;
        }
        case CommandKind::help: out_ << command_help(); break;
        case CommandKind::quit: return false;
    }
    return true;
}

void Session::require_search(const char* what) const {
    if (!has_search()) throw CommandError(std::string("nothing to ") + what + " yet: type a question first");
}

void Session::show(const SearchRequest& request) {
    SearchResult result = engine().search(request);  // throws before anything changes
    request_ = request;
    write_text(out_, request_, result, style_.text);
    write_page_hint(out_, request_, result);
    shown_ = std::move(result);
}

// Settings changed: the current search starts again from its first page, or
// the settings simply wait for the first question.
void Session::rerun_from_first_page(SearchRequest request) {
    request.page = 1;
    if (request.query.empty() && request.filters.empty()) {
        request_ = request;
        shown_.reset();
        return;
    }
    show(request);
}

void Session::next_page() {
    require_search("page through");
    // A short page is the last one; the total is only an estimate.
    if (shown_ && shown_->hits.size() < request_.per_page) {
        out_ << "This is the last page.\n";
        return;
    }
    go_to_page(request_.page + 1);
}

void Session::go_to_page(std::size_t page) {
    require_search("page through");
    SearchRequest request = request_;
    request.page = page;
    if (page > 1 && engine().search(request).hits.empty()) {
        out_ << "No page " << page << ": the results end before it.\n";
        return;
    }
    show(request);
}

void Session::open(std::size_t rank) {
    require_search("open");
    std::optional<SearchResult> fetched;
    write_answer(out_, hit_at(rank, fetched), style_);
}

// Related questions of a result, with the session's filters and page size;
// the search's page stays current, so numbers still name its results.
void Session::similar(std::size_t rank) {
    require_search("find similar questions to");
    std::optional<SearchResult> fetched;
    const std::string id = hit_at(rank, fetched).stored.answer.id;
    SearchRequest request = request_;
    request.page = 1;
    write_text(out_, request, engine().related(id, request), style_.text);
}

// The result with this rank: on screen, or from the page that holds it
// (kept in `fetched`), leaving the screen's page current.
const SearchHit& Session::hit_at(std::size_t rank, std::optional<SearchResult>& fetched) {
    if (shown_)
        for (const auto& hit : shown_->hits)
            if (hit.rank == rank) return hit;
    SearchRequest request = request_;
    request.page = (rank - 1) / request.per_page + 1;
    fetched = engine().search(request);
    for (const auto& hit : fetched->hits)
        if (hit.rank == rank) return hit;
    throw CommandError("no answer " + std::to_string(rank) + " in these results");
}

void Session::add_filter(const std::string& field, const std::string& value) {
    SearchRequest request = request_;
    auto filter = std::make_pair(field, value);
    if (std::find(request.filters.begin(), request.filters.end(), filter) == request.filters.end())
        request.filters.push_back(filter);
    write_filters(out_, request.filters);
    rerun_from_first_page(request);
}

void Session::clear_filters(const std::string& field) {
    SearchRequest request = request_;
    auto& filters = request.filters;
    const std::size_t before = filters.size();
    std::erase_if(filters, [&](const auto& f) { return field.empty() || f.first == field; });
    if (!field.empty() && filters.size() == before) throw CommandError("no filter on " + field + " to clear");
    write_filters(out_, filters);
    rerun_from_first_page(request);
}

void Session::show_facets() {
    require_search("count");
    SearchRequest request = request_;
    request.facets = true;
    write_facets(out_, engine().search(request));
}

}  // namespace qadex::interactive
