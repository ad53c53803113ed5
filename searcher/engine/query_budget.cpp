// What one query may cost once parsed (see query_budget.hpp).
#include "engine/query_budget.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <queue>

namespace qadex {

namespace {

bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || c == '_';
}

using Op = Xapian::Query::op;

// Operators whose subqueries are plain queries (no window, no factor):
// rebuilt from their subqueries alone.
bool rebuildable(Op op) {
    switch (op) {
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            return true;
        default:
            return false;
    }
}

// The wildcard's pattern is in its description only, last ("WILDCARD OR diabet").
std::string wildcard_pattern(const Xapian::Query& q) {
    const std::string description = q.get_description();
    const std::size_t close = description.find_last_not_of(')');
    const std::size_t space = description.rfind(' ', close);
    if (close == std::string::npos || space == std::string::npos) return {};
    return description.substr(space + 1, close - space);
}

// A wildcard expands to at most its 100 most frequent words
// (QueryBuilder's set_max_expansion): their postings, of the first 1000
// words it matches (a broader one is not expanded at all).
QueryCost wildcard_cost(const Xapian::Query& q, const Xapian::Database& db) {
    const std::string pattern = wildcard_pattern(q);
    std::priority_queue<double, std::vector<double>, std::greater<>> most;  // the 100 largest
    std::size_t seen = 0;
    for (auto t = db.allterms_begin(pattern); t != db.allterms_end(pattern) && seen < 1000; ++t, ++seen) {
        most.push(t.get_termfreq());
        if (most.size() > 100) most.pop();
    }
    QueryCost cost;
    for (; !most.empty(); most.pop()) cost.postings += most.top();
    cost.matches = std::min<double>(cost.postings, db.get_doccount());
    return cost;
}

// `checked`: the query is not read in order but tested at the answers
// another part finds (under an AND, or on the right of an AND_MAYBE or
// AND_NOT). A phrase tested there reads the positions of its words at each
// answer that has them all, one look-up each: at a million answers a phrase
// of two words in 30,000 answers each cost 1.7 s there (AND of two ORs, one
// holding it), 0.03 s as an OR of its own.
QueryCost cost_of(const Xapian::Query& q, const Xapian::Database& db, bool checked) {
    const double answers = db.get_doccount();
    QueryCost cost;
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM:
            cost.postings = cost.matches = db.get_termfreq(*q.get_terms_begin());
            return cost;
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_INVALID:
            return cost;
        case Xapian::Query::OP_WILDCARD:
            return wildcard_cost(q, db);
        case Xapian::Query::OP_SCALE_WEIGHT:
            return cost_of(q.get_subquery(0), db, checked);
        default:
            break;
    }
    const std::size_t n = q.get_num_subqueries();
    if (n == 0) {  // all answers, a value range, a posting source: a pass over every answer
        cost.postings = cost.matches = answers;
        return cost;
    }
    const Op op = q.get_type();
    const bool first_leads = op == Xapian::Query::OP_AND_MAYBE || op == Xapian::Query::OP_AND_NOT;
    const bool all_checked = op == Xapian::Query::OP_AND || op == Xapian::Query::OP_FILTER;
    std::vector<QueryCost> parts;
    for (std::size_t i = 0; i < n; ++i)
        parts.push_back(cost_of(q.get_subquery(i), db, checked || all_checked || (first_leads && i > 0)));
    for (const QueryCost& p : parts) {
        cost.positional += p.positional;
        cost.positional_postings += p.positional_postings;
    }
    // A part tested at the answers of another reads its postings only up to
    // those answers (a skip each); one with a phrase, all of its estimate.
    auto tested_at = [](const QueryCost& p, double matches) {
        return p.positional ? p.postings : std::min(p.postings, postings_per_skip * matches);
    };
    if (op == Xapian::Query::OP_OR || op == Xapian::Query::OP_XOR || op == Xapian::Query::OP_SYNONYM ||
        op == Xapian::Query::OP_MAX || op == Xapian::Query::OP_ELITE_SET) {
        for (const QueryCost& p : parts) {
            cost.postings += p.postings;
            cost.matches += p.matches;
        }
        cost.matches = std::min(cost.matches, answers);
        return cost;
    }
    if (first_leads) {  // the others are read only where the first matches
        cost.postings = parts[0].postings;
        cost.matches = parts[0].matches;
        for (std::size_t i = 1; i < n; ++i) cost.postings += tested_at(parts[i], parts[0].matches);
        return cost;
    }
    // AND, FILTER, PHRASE, NEAR: every part, up to the matches of the rarest.
    double fewest = answers;
    for (const QueryCost& p : parts) fewest = std::min(fewest, p.matches);
    for (const QueryCost& p : parts) cost.postings += tested_at(p, fewest);
    cost.matches = fewest;
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) {
        // Each word's positions, where all are.
        const double positions = static_cast<double>(n) * fewest * (checked ? positions_per_test : 1);
        cost.postings += positions;
        cost.positional += 1;
        cost.positional_postings += cost.postings;
    }
    return cost;
}

Xapian::Query merged(const Xapian::Query& q, bool& changed) {
    const Op op = q.get_type();
    if (!rebuildable(op)) return q;
    std::vector<Xapian::Query> parts;
    bool changed_here = false;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) parts.push_back(merged(q.get_subquery(i), changed_here));
    if (op == Xapian::Query::OP_OR || op == Xapian::Query::OP_AND) {
        const std::vector<CountedQuery> counted = merge_identical(parts);
        if (counted.size() < parts.size()) {
            changed_here = true;
            parts.clear();
            for (const CountedQuery& c : counted) parts.push_back(weighted_as(c.query, c.count));
        }
    }
    if (!changed_here) return q;
    changed = true;
    return Xapian::Query(op, parts.begin(), parts.end());
}

}  // namespace

std::size_t start_of_word_after(std::string_view text, std::size_t max) {
    std::size_t words = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (!word_byte(text[i])) {
            ++i;
            continue;
        }
        if (++words > max) return i;
        while (i < text.size() &&
               (word_byte(text[i]) ||
                (text[i] == '\'' && i + 1 < text.size() && word_byte(text[i + 1]))))
            ++i;
    }
    return std::string_view::npos;
}

std::string identity_of(const Xapian::Query& q) {
    // A term's query position is "@N" after it in the description.
    const std::string description = q.get_description();
    std::string out;
    out.reserve(description.size());
    for (std::size_t i = 0; i < description.size(); ++i) {
        if (description[i] == '@' && i > 0 && word_byte(description[i - 1]) && i + 1 < description.size() &&
            std::isdigit(static_cast<unsigned char>(description[i + 1]))) {
            while (i + 1 < description.size() && std::isdigit(static_cast<unsigned char>(description[i + 1]))) ++i;
            continue;
        }
        out += description[i];
    }
    return out;
}

std::vector<CountedQuery> merge_identical(const std::vector<Xapian::Query>& parts) {
    std::vector<CountedQuery> out;
    std::map<std::string, std::size_t> at;  // identity -> index in out
    for (const Xapian::Query& part : parts) {
        const auto [it, added] = at.emplace(identity_of(part), out.size());
        if (added) out.push_back({part, 1});
        else ++out[it->second].count;
    }
    return out;
}

Xapian::Query weighted_as(const Xapian::Query& q, unsigned count) {
    return count == 1 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, count);
}

Xapian::Query merge_identical_subqueries(const Xapian::Query& q) {
    bool changed = false;
    return merged(q, changed);
}

Xapian::Query merge_identical_subqueries(const Xapian::Query& q, bool& changed) { return merged(q, changed); }

QueryCost estimated_cost(const Xapian::Query& q, const Xapian::Database& db) { return cost_of(q, db, false); }

double phrase_postings(const std::vector<std::string>& terms, const std::string& prefix, const Xapian::Database& db) {
    if (terms.size() < 2) return 0;
    std::vector<Xapian::Query> parts;
    for (const std::string& t : terms) parts.emplace_back(prefix + t);
    return cost_of(Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end()), db, false).postings;
}

}  // namespace qadex
