// Collapse counts over remote shards (see remote_collapse.hpp).
#include "engine/remote_collapse.hpp"

#include <map>
#include <string>

#include <qadex/schema.hpp>

namespace qadex {

void count_more_answers_remotely(const Xapian::Database& db, const Xapian::Query& matching,
                                 std::vector<SearchHit>& hits) {
    if (hits.empty()) return;
    std::vector<Xapian::Query> threads;
    for (const SearchHit& hit : hits)
        threads.emplace_back(schema::id_term(schema::prefix::thread_id, hit.stored.thread_id));
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matching,
                                    Xapian::Query(Xapian::Query::OP_OR, threads.begin(), threads.end())));
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // which answers match, not how well
    Xapian::ValueCountMatchSpy per_thread(schema::slot::thread_id);
    enquire.add_matchspy(&per_thread);
    enquire.get_mset(0, 0, db.get_doccount());  // the spy sees every match
    std::map<std::string, Xapian::doccount> counts;
    for (auto v = per_thread.values_begin(); v != per_thread.values_end(); ++v) counts[*v] = v.get_termfreq();
    for (SearchHit& hit : hits) {
        const Xapian::doccount n = counts[hit.stored.thread_id];
        hit.more_answers = n > 0 ? n - 1 : 0;
    }
}

}  // namespace qadex
