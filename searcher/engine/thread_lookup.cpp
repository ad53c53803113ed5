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

    // Index order is document id order, the posting list's: the page's
    // first answer is reached by stepping over the ids before it (a few
    // bytes each, nothing decoded; an Enquire would keep every skipped match
    // in memory), and only the page is decoded.
    std::vector<Xapian::docid> page_ids;
    if (out.page <= out.pages()) {  // so the offset below is under total: no overflow
        const std::size_t first = (out.page - 1) * out.per_page;
        std::size_t index = 0;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && page_ids.size() < out.per_page; ++it)
            if (index++ >= first) page_ids.push_back(*it);
    }
    out.answers.reserve(page_ids.size());
    for (Xapian::docid id : page_ids) out.answers.push_back(decode_stored_answer(db.get_document(id).get_data()));
    if (!out.answers.empty()) {
        out.question = out.answers.front();
    } else if (auto it = db.postlist_begin(term); it != db.postlist_end(term)) {
        out.question = decode_stored_answer(db.get_document(*it).get_data());  // past the end: the first answer's
    }
    // Only the question's fields are meant: not a second copy of an answer.
    out.question.answer = Answer{};
    return out;
}

}  // namespace qadex
