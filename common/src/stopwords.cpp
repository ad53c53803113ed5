// The English stop list (see stopwords.hpp).
#include <qadex/stopwords.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace qadex {

namespace {

// The list sorted at compile time and searched by bisection: a process that
// answers one query no longer builds a set of 200 strings to start with.
template <std::size_t N>
consteval std::array<std::string_view, N> sorted_words(const std::string_view (&words)[N]) {
    std::array<std::string_view, N> sorted{};
    std::copy(std::begin(words), std::end(words), sorted.begin());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

template <std::size_t N>
class SortedStopper : public Xapian::Stopper {
public:
    explicit SortedStopper(const std::array<std::string_view, N>& words) : words_(words) {}
    bool operator()(const std::string& term) const override {
        return std::binary_search(words_.begin(), words_.end(), std::string_view(term));
    }
    std::string get_description() const override { return "qadex::SortedStopper"; }

private:
    const std::array<std::string_view, N>& words_;
};

}  // namespace

const Xapian::Stopper& english_stopper() {
    static constexpr auto words = sorted_words({
            // Snowball's English stop list.
            "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
            "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
            "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
            "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
            "having", "do", "does", "did", "doing", "would", "should", "could", "ought", "i'm", "you're", "he's",
            "she's", "it's", "we're", "they're", "i've", "you've", "we've", "they've", "i'd", "you'd", "he'd",
            "she'd", "we'd", "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't",
            "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't",
            "wouldn't", "shan't", "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's", "that's",
            "who's", "what's", "here's", "there's", "when's", "where's", "why's", "how's", "a", "an", "the",
            "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with",
            "about", "against", "between", "into", "through", "during", "before", "after", "above", "below",
            "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
            "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more",
            "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too",
            "very",
            // Question and filler words of consumer questions.
            "can", "will", "shall", "may", "might", "must", "just", "also", "please", "thanks", "thank",
            "hi", "hello", "dear", "anyone", "anybody", "someone", "somebody", "something", "anything",
            "know", "tell", "get", "got", "im", "ive", "dont", "doesnt", "didnt", "cant", "wont", "isnt",
            // Comparison, as "between" and "against" above: as the one rare
            // word of "type 1 vs type 2 diabetes", "vs" decided what matched.
            "vs", "versus",
    });
    static const SortedStopper stopper(words);  // lives as long as the process: parsers point to it
    return stopper;
}

}  // namespace qadex
