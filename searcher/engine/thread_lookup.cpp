// Reading one page of a thread's answers (see thread_lookup.hpp).
#include "engine/thread_lookup.hpp"

#include <algorithm>

#include <qadex/schema.hpp>

namespace qadex {

ThreadPage thread_answers(const Xapian::Database& db, const std::string& thread_id, std::size_t page,
                          std::size_t per_page) {
    ThreadPage out;
    out.page = std::max<std::size_t>(page, 1);
    out.per_page = std::max<std::size_t>(per_page, 1);
    const std::string term = schema::id_term(schema::prefix::thread_id, thread_id);
    out.total = db.get_termfreq(term);
    if (out.total == 0) return out;

    // Index order is document id order: the match skips to the page's first
    // answer over the posting list alone, and only the page is decoded.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    if (out.page <= out.pages()) {  // so the offset below is under total: no overflow
        const std::size_t first = (out.page - 1) * out.per_page;
        const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(first),
                                                   static_cast<Xapian::doccount>(out.per_page));
        out.answers.reserve(mset.size());
        for (auto it = mset.begin(); it != mset.end(); ++it)
            out.answers.push_back(decode_stored_answer(it.get_document().get_data()));
    }
    if (!out.answers.empty()) {
        out.question = out.answers.front();
    } else {
        const Xapian::MSet head = enquire.get_mset(0, 1);
        if (!head.empty()) out.question = decode_stored_answer(head.begin().get_document().get_data());
    }
    // Only the question's fields are meant: not a second copy of an answer.
    out.question.answer = Answer{};
    return out;
}

}  // namespace qadex
