// A made-up corpus for the in-process query and ranking tests
// (test_query_builder.cpp, test_ranking.cpp): large enough (1,738 answers)
// that the common-word rule's 500-answer floor is crossed, with the word
// shapes the ranking rules are about: common words in answer text but rare
// in titles, rare words, misspellings' neighbours, categories.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <qadex/document.hpp>

#include "index_support.hpp"

namespace qadex::test {

// "t" + n, without GCC 12's false -Wstringop-overflow on a literal + std::to_string.
inline std::string numbered(const char* text, int n) {
    std::string out(text);
    out += std::to_string(n);
    return out;
}

inline std::vector<Thread> ranking_corpus() {
    std::vector<Thread> threads;
    const char* categories[] = {"information", "causes", "symptoms", "inheritance"};
    for (int i = 0; i < 1000; ++i) {
        std::string body = numbered("Note ", i % 37) + " of the clinic.";
        if (i < 700) body += " The disease is described here.";                  // 700 answers: common
        if (i % 10 < 6) body += " Its symptoms vary.";                            // 600: common
        if (i % 10 >= 3) body += " The treatment helps.";                         // 700: common
        if (i >= 100 && i < 700) body += " Muscle atrophy can follow.";           // 600: common
        if (i % 50 == 7) body += " Diabetes is a risk.";                          // 20
        if (i % 40 == 3) body += " Parkinson disease is mentioned.";              // 25
        std::string title = numbered("Question ", i);
        if (i < 10) title += " on atrophy";                                       // 10 titles: rare there
        if (i % 100 == 50) title += " about a disease";                           // 10 titles
        const std::string question = i % 200 == 1 ? "Is this disease serious?" : "";
        threads.push_back(make_thread(numbered("t", i), title, {body}, categories[i % 4], question));
    }
    threads.push_back(make_thread("diabeta", "Diabeta tablets", {"Diabeta is a brand of glyburide."}));
    threads.push_back(make_thread("parking", "Parking at the clinic", {"Parking is free."}));
    threads.push_back(make_thread("waterhouse", "Waterhouse-Friderichsen syndrome", {"Waterhouse syndrome is rare."}));
    threads.push_back(make_thread("excision", "Excision of a cyst", {"The excision is small."}));
    threads.push_back(make_thread("allowance", "Daily allowance of vitamin D", {"The allowance is 600 units."}));
    for (int i = 0; i < 5; ++i)
        threads.push_back(make_thread(numbered("diarrhea", i), "Diarrhea after antibiotics",
                                      {"Diarrhea can follow antibiotics."}));
    for (int i = 0; i < 3; ++i)
        threads.push_back(make_thread(numbered("vaccine", i), "Vaccine schedule", {"The vaccine is given twice."}));
    // The same text in three categories: only the question type orders them;
    // the one asked for last, so that document order cannot put it first.
    for (const char* category : {"causes", "treatment", "exams and tests"})
        threads.push_back(make_thread(std::string("glaucoma-") + category, "Glaucoma",
                                      {"Glaucoma damages the optic nerve."}, category));
    for (int i = 0; i < 4; ++i)
        threads.push_back(make_thread(numbered("kidney", i), "Kidney stones", {"Kidney stones hurt."}));
    // 359 questions with two answers each: collapsing counts 359, not 718.
    for (int i = 0; i < 359; ++i)
        threads.push_back(make_thread(numbered("keloid", i), numbered("Keloid scar ", i),
                                      {"A keloid grows over the scar.", "Another keloid answer."}));
    return threads;
}

// Answers with `word` (a whole word, any case) in a default field.
inline std::size_t answers_with_word(const std::vector<Thread>& threads, const std::string& word) {
    auto has = [&](const std::string& text) {
        std::string lower = text;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
            bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
            bool ends = at + word.size() == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[at + word.size()]));
            if (starts && ends) return true;
        }
        return false;
    };
    std::size_t n = 0;
    for (const Thread& t : threads)
        for (const Answer& a : t.answers) n += has(t.title) || has(t.question) || has(a.body);
    return n;
}

}  // namespace qadex::test
