// Cue words of question types (see question_type.hpp). The cues are generic
// English question words, never topics.
#include "engine/question_type.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include <xapian.h>

namespace qadex {

namespace {

struct Cue {
    std::string_view category;
    std::vector<std::string_view> words;  // any one of these words is the cue
};

const std::vector<Cue>& cues() {
    static const std::vector<Cue> table = {
        {"causes", {"cause", "causes", "caused", "causing", "why", "reason", "reasons", "trigger", "triggers"}},
        {"treatment", {"treat", "treats", "treated", "treating", "treatment", "treatments", "cure", "cured", "cures",
                       "remedy", "remedies", "therapy", "therapies", "manage", "managing", "rid", "heal"}},
        {"symptoms", {"symptom", "symptoms", "signs", "feel", "feels", "feeling"}},
        {"exams and tests", {"diagnose", "diagnosis", "test", "tests", "tested", "testing", "detect", "detected",
                             "screening", "screen", "exam", "exams", "scan"}},
        {"inheritance", {"inherited", "inherit", "inheritance", "hereditary", "genetic", "genetically", "passed",
                         "runs", "family", "families"}},
        {"prevention", {"prevent", "prevented", "preventing", "prevention", "avoid", "avoiding", "protect"}},
        {"outlook", {"prognosis", "outlook", "expectancy", "survival", "survive", "recover", "recovery", "fatal"}},
        {"frequency", {"common", "prevalence", "rare", "many"}},
        {"susceptibility", {"risk", "risks", "susceptible", "chance", "chances"}},
        {"complications", {"complication", "complications"}},
        {"side effects", {"side", "effects", "reaction", "reactions"}},
        {"information", {"what", "define", "definition", "meaning", "mean", "means", "explain"}},
    };
    return table;
}

// Cue words match by their English stem, as the index's words do: "how is
// it diagnosed" asks what "how to diagnose" asks, though only "diagnose" is
// listed.
Xapian::Stem& stemmer() {
    // A stemmer keeps state between calls: one per thread.
    thread_local Xapian::Stem stem("english");
    return stem;
}

// The stems of each cue's words, in the order of cues().
const std::vector<std::set<std::string>>& cue_stems() {
    static const std::vector<std::set<std::string>> stems = [] {
        std::vector<std::set<std::string>> all;
        for (const Cue& cue : cues()) {
            std::set<std::string>& set = all.emplace_back();
            for (std::string_view word : cue.words) set.insert(stemmer()(std::string(word)));
        }
        return all;
    }();
    return stems;
}

}  // namespace

std::vector<std::string> question_categories(const std::vector<std::string>& words) {
    std::vector<std::string> stems;
    stems.reserve(words.size());
    for (const std::string& w : words) stems.push_back(stemmer()(w));
    std::vector<std::string> found;
    const auto& by_cue = cue_stems();
    for (std::size_t i = 0; i < cues().size(); ++i) {
        const Cue& cue = cues()[i];
        // "What is X?" asks for general information only when nothing more specific is asked.
        if (cue.category == "information" && !found.empty()) continue;
        bool hit = std::any_of(stems.begin(), stems.end(), [&](const std::string& s) { return by_cue[i].count(s) > 0; });
        if (hit) found.emplace_back(cue.category);
    }
    return found;
}

}  // namespace qadex
