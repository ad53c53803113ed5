// Following the database between queries (see following_engine.hpp).
#include "engine/following_engine.hpp"

namespace qadex {

void FollowingEngine::discard() noexcept {
    engine_.reset();
    identity_ = {};
}

void FollowingEngine::refresh() noexcept {
    if (!engine_) return;  // opened on the next use
    if (!identity_.is_current(path_)) {
        // Deleted, committed to, or another database in its place: reading
        // the new files through the old one's open tables would mix the two.
        discard();
        return;
    }
    try {
        engine_->reopen();
    } catch (const Xapian::NetworkError&) {
        // A remote shard's server dropped the idle connection: search()
        // connects again, and names the shard if it cannot.
    } catch (...) {
        discard();
    }
}

SearchEngine& FollowingEngine::engine() {
    if (engine_) return *engine_;
    // Identify first, then open: if a swap happens in between, the next
    // refresh() sees the identity differ and opens again.
    DatabaseIdentity identity = DatabaseIdentity::of(path_);
    if (open_) engine_.emplace(path_, ranking_, *open_);
    else engine_.emplace(path_, ranking_);
    engine_->keep_recent_results(result_cache_bytes_);
    identity_ = std::move(identity);
    return *engine_;
}

}  // namespace qadex
