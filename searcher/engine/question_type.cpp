// Cue words of question types (see question_type.hpp). The cues are generic
// English question words, never topics.
#include "engine/question_type.hpp"

#include <algorithm>
#include <string_view>

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

}  // namespace

std::vector<std::string> question_categories(const std::vector<std::string>& words) {
    std::vector<std::string> found;
    for (const Cue& cue : cues()) {
        // "What is X?" asks for general information only when nothing more specific is asked.
        if (cue.category == "information" && !found.empty()) continue;
        bool hit = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
            return std::find(cue.words.begin(), cue.words.end(), w) != cue.words.end();
        });
        if (hit) found.emplace_back(cue.category);
    }
    return found;
}

}  // namespace qadex
