// Facet counts (see facet_counts.hpp).
#include "engine/facet_counts.hpp"

#include <algorithm>
#include <unordered_map>

#include <qadex/fields.hpp>
#include <qadex/schema.hpp>

namespace qadex {

namespace {

// Records the document ids of the matches; called in ascending id order.
class MatchIds : public Xapian::MatchSpy {
public:
    explicit MatchIds(std::vector<Xapian::docid>& ids) : ids_(ids) {}
    void operator()(const Xapian::Document& doc, double) override { ids_.push_back(doc.get_docid()); }

private:
    std::vector<Xapian::docid>& ids_;
};

std::vector<Xapian::docid> matching_ids(const Xapian::Database& db, const Xapian::Query& query) {
    std::vector<Xapian::docid> ids;
    MatchIds spy(ids);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // the match set only: no scores
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    if (!std::is_sorted(ids.begin(), ids.end())) std::sort(ids.begin(), ids.end());
    return ids;
}

// Value -> count. Matches come in document order, in which equal values
// mostly follow each other, so the last value looked up is tried first.
class ValueCounts {
public:
    void add(const std::string& value) {
        if (last_ < values_.size() && values_[last_].value == value) {
            ++values_[last_].count;
            return;
        }
        auto [it, inserted] = index_.try_emplace(value, values_.size());
        if (inserted) values_.push_back({value, 0});
        last_ = it->second;
        ++values_[last_].count;
    }

    // At most facet_values, most frequent first, ties by value (as Xapian's matchspy).
    std::vector<FacetValue> top() && {
        std::sort(values_.begin(), values_.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (values_.size() > facet_values) values_.resize(facet_values);
        return std::move(values_);
    }

private:
    std::vector<FacetValue> values_;
    std::unordered_map<std::string, std::size_t> index_;
    std::size_t last_ = 0;  // index in values_ of the last value added
};

// Counts each slot's values over the matches. Few matches: jump to each in
// the value stream; many: read the stream straight through, which costs
// less than that many jumps.
std::map<std::string, std::vector<FacetValue>> count_values(const Xapian::Database& db,
                                                            const std::vector<Xapian::docid>& ids) {
    std::map<std::string, std::vector<FacetValue>> out;
    const bool sparse = ids.size() * 8 < db.get_doccount();
    std::vector<bool> matched;
    if (!sparse) {
        matched.resize(db.get_lastdocid() + 1);
        for (Xapian::docid id : ids) matched[id] = true;
    }
    for (const Field& facet : all_fields) {
        if (!facet.is_facet()) continue;
        ValueCounts counts;
        const Xapian::valueno slot = facet.facet_slot;
        if (!ids.empty() && db.get_value_freq(slot) > 0) {
            Xapian::ValueIterator it = db.valuestream_begin(slot), end = db.valuestream_end(slot);
            if (sparse) {
                for (Xapian::docid id : ids) {
                    if (it.get_docid() < id) it.skip_to(id);
                    if (it == end) break;
                    if (it.get_docid() == id) counts.add(*it);
                }
            } else {
                for (; it != end; ++it)
                    if (matched[it.get_docid()]) counts.add(*it);
            }
        }
        out[facet.name] = std::move(counts).top();
    }
    return out;
}

// The other matching answers of each hit's thread (collapsing keeps one).
void count_more_answers(const Xapian::Database& db, const std::vector<Xapian::docid>& ids,
                        std::vector<SearchHit>& hits) {
    for (SearchHit& hit : hits) {
        const std::string term = schema::id_term(schema::prefix::thread_id, hit.stored.thread_id);
        std::size_t matching = 0;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
            if (std::binary_search(ids.begin(), ids.end(), *p)) ++matching;
        hit.more_answers = matching > 0 ? matching - 1 : 0;
    }
}

}  // namespace

void count_facets(const Xapian::Database& db, const Xapian::Query& matching, bool collapse, SearchResult& result) {
    const std::vector<Xapian::docid> ids = matching_ids(db, matching);
    result.facets = count_values(db, ids);
    if (collapse) {
        count_more_answers(db, ids, result.hits);
    } else {
        // Every match was seen: the count is exact, whatever the ranked match estimated.
        result.total_estimate = ids.size();
        result.total_exact = true;
    }
}

FacetSpies::FacetSpies(Xapian::Enquire& enquire) {
    for (const Field& f : all_fields) {
        if (!f.is_facet()) continue;
        spies_.emplace_back(f.name, std::make_unique<Xapian::ValueCountMatchSpy>(f.facet_slot));
        enquire.add_matchspy(spies_.back().second.get());
    }
}

std::map<std::string, std::vector<FacetValue>> FacetSpies::counts() const {
    std::map<std::string, std::vector<FacetValue>> out;
    for (const auto& [name, spy] : spies_) {
        auto& values = out[name];
        for (auto v = spy->top_values_begin(facet_values); v != spy->top_values_end(facet_values); ++v)
            values.push_back({*v, v.get_termfreq()});
    }
    return out;
}

}  // namespace qadex
