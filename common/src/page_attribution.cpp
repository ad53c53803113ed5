// Attribution lines of scraped pages (see page_attribution.hpp). Names and
// places are told apart from prose by shape: capitalised words, with the
// lower-case particles that names and places carry in several languages.
#include <qadex/page_attribution.hpp>

#include <algorithm>
#include <array>
#include <charconv>

#include <unicode/uchar.h>

#include <qadex/strings.hpp>
#include <qadex/utf8.hpp>

namespace qadex::page {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// ---------------------------------------------------------------------------
// Words of names and places

// Lower-case words inside names (Spanish, Portuguese, Dutch, German, French,
// Italian, Arabic) and place names ("Rio de Janeiro", "Frankfurt am Main").
constexpr auto name_particles = std::to_array<std::string_view>({
    "de", "del", "della", "dello", "dei", "degli", "di", "da", "das", "do", "dos", "du", "des", "la", "las", "los",
    "le", "lo", "y", "e", "van", "der", "den", "ter", "ten", "te", "het", "von", "zu", "vom", "zum", "zur", "bin",
    "ibn", "al", "el", "ben",
});
constexpr auto place_particles = std::to_array<std::string_view>({"of", "on", "upon", "am", "an", "im", "sur", "en"});

// Words of a title line ("Board Certified Facial Plastic Surgeon"), never of a city.
constexpr auto title_words = std::to_array<std::string_view>({
    "Board", "Certified", "Board-Certified", "Double", "Triple", "Fellowship", "Fellowship-Trained", "Trained",
    "Licensed", "Chief", "Director", "Consultant", "Attending", "Professor", "Associate", "Clinical", "Senior",
    "Expert", "Founder", "Experienced", "Leading", "Your", "Our",
});

constexpr std::string_view right_quote = "\xE2\x80\x99";  // U+2019, the typographic apostrophe of "O’Brien"

char32_t first_char(std::string_view word) { return word.empty() ? 0 : utf8::decode(word, 0).value; }

bool starts_upper(std::string_view word) { return u_isupper(static_cast<UChar32>(first_char(word))) != 0; }

// Letters (accented or not) and the punctuation names carry: . - ' ’
bool has_name_chars(std::string_view word) {
    if (word.empty()) return false;
    for (std::size_t i = 0; i < word.size();) {
        auto cp = utf8::decode(word, i);
        char32_t c = cp.value;
        if (!u_isalpha(static_cast<UChar32>(c)) && c != '.' && c != '-' && c != '\'' && c != 0x2019) return false;
        i += cp.length;
    }
    return true;
}

// "d'Arcy", "dell'Acqua", "D’Souza": an elided particle glued to a capitalised name.
bool is_elided(std::string_view word) {
    for (std::string_view apostrophe : {std::string_view("'"), right_quote}) {
        auto at = word.find(apostrophe);
        if (at == std::string_view::npos || at == 0 || at > 4) continue;
        auto head = word.substr(0, at);
        bool letters = std::all_of(head.begin(), head.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
        if (letters && starts_upper(word.substr(at + apostrophe.size()))) return true;
    }
    return false;
}

// Capitalised words with particles inside: the first word capitalised, the
// last capitalised or elided ("Jean d'Arcy"), particles only in between.
bool is_capitalised_words(const std::vector<std::string_view>& words, bool place) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto w = words[i];
        if (!has_name_chars(w)) return false;
        if (starts_upper(w)) continue;
        bool inner = i > 0 && i + 1 < words.size();
        bool particle = contains(name_particles, w) || (place && contains(place_particles, w));
        if (i > 0 && is_elided(w)) continue;
        if (!(inner && particle)) return false;
    }
    return true;
}

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> words;
    for (auto w : split(s, ' '))
        if (!w.empty()) words.push_back(w);
    return words;
}

// A city: up to six capitalised words ("Coeur d'Alene", "Winston-Salem",
// "St. Louis", "Rio de Janeiro"); empty is allowed (specialty alone).
bool is_place(std::string_view city) {
    if (city.empty()) return true;
    auto words = words_of(city);
    if (words.size() > 6) return false;
    for (auto w : words)
        if (contains(title_words, w)) return false;
    return is_capitalised_words(words, true);
}

// ---------------------------------------------------------------------------
// Specialties

// Words that end a specialty (the practitioner) and words that qualify one.
constexpr auto practitioner_words = std::to_array<std::string_view>({
    "Surgeon", "Dermatologist", "Physician", "Doctor", "Dentist", "Orthodontist", "Periodontist", "Prosthodontist",
    "Endodontist", "Ophthalmologist", "Optometrist", "Neurologist", "Neurosurgeon", "Otolaryngologist", "Therapist",
    "Internist", "Gynecologist", "Obstetrician", "GYN", "Gyn", "Urologist", "Radiologist", "Anesthesiologist",
    "Pathologist", "Pediatrician", "Psychiatrist", "Psychologist", "Practitioner", "Nurse", "Injector", "Assistant",
    "Esthetician", "Aesthetician", "Podiatrist", "Chiropractor", "Nutritionist", "Dietitian", "Specialist",
    "Oncologist", "Cardiologist", "Endocrinologist", "Rheumatologist", "Allergist", "Gastroenterologist",
    "Audiologist", "Pharmacist", "Hygienist", "Acupuncturist", "Trichologist", "Phlebologist", "Midwife",
});
constexpr auto qualifier_words = std::to_array<std::string_view>({
    "Facial", "Plastic", "Cosmetic", "Aesthetic", "Esthetic", "Dermatologic", "Dermatological", "Mohs",
    "Oculoplastic", "Oculofacial", "Orbital", "Oral", "Maxillofacial", "Reconstructive", "Restorative", "Hair",
    "Restoration", "Transplant", "General", "Bariatric", "Breast", "Hand", "Vascular", "Vein", "Orthopedic",
    "Orthopaedic", "Physical", "Occupational", "Massage", "Family", "Emergency", "Internal", "Medicine",
    "Registered", "Sleep", "Head", "Neck", "Ear", "Nose", "Throat", "ENT", "Pediatric", "Craniofacial",
    "Microvascular", "Oncologic", "Surgical", "Laser", "Skin", "Care", "Medical", "Foot", "Ankle", "Spine", "Sports",
    "Pain", "Integrative", "Functional", "Anti", "Aging", "Weight", "Loss", "Body", "Contouring", "Dental",
    "Implant", "OB", "Ob", "Eyelid", "Rhinoplasty", "Facelift", "Gender", "Affirming", "Primary", "Wellness",
});
constexpr auto connectors = std::to_array<std::string_view>({"and", "&"});

// Each part of a word joined by "/" or "-" ("Plastic/Reconstructive",
// "OB-GYN") is a specialty word; "Ear," may carry a list comma.
bool is_specialty_word(std::string_view w, bool last) {
    if (!last && w.ends_with(',')) w.remove_suffix(1);
    if (w.empty()) return false;
    std::size_t start = 0;
    for (;;) {
        auto end = w.find_first_of("/-", start);
        auto part = w.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        bool final_part = end == std::string_view::npos;
        bool ok = contains(practitioner_words, part) || (!(last && final_part) && contains(qualifier_words, part));
        if (!ok) return false;
        if (final_part) return true;
        start = end + 1;
    }
}

// ---------------------------------------------------------------------------
// Authors

constexpr auto honorifics = std::to_array<std::string_view>(
    {"Dr.", "Dr", "Dra.", "Dra", "Prof.", "Prof", "Professor", "Mr.", "Mr", "Mrs.", "Ms.", "Ms", "Sir", "Dame"});

// Degrees written after a name without a comma ("Ann Lee MD").
constexpr auto common_degrees = std::to_array<std::string_view>(
    {"MD", "M.D.", "DO", "D.O.", "DDS", "D.D.S.", "DMD", "D.M.D.", "PhD", "Ph.D.", "FACS", "MBBS", "FRCS", "DPM", "RN", "NP", "PA-C"});

// Credentials that do not look like one by shape alone (see is_credential).
constexpr auto irregular_credentials = std::to_array<std::string_view>({"Jr", "Sr", "V", "MSc", "PharmD", "DrPH", "MBChB"});

// "MD", "M.D.", "PhD", "PA-C", "FACS", "FRCS(Plast)": a short word with two or more capitals.
bool is_credential(std::string_view token) {
    std::string bare;
    for (char c : token)
        if (c != '.' && c != '-' && c != ' ' && c != '(' && c != ')') bare += c;
    if (contains(irregular_credentials, bare)) return true;
    if (bare.size() < 2 || bare.size() > 10 || !(bare[0] >= 'A' && bare[0] <= 'Z')) return false;
    int capitals = 0;
    for (char c : bare) {
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return false;
        capitals += c >= 'A' && c <= 'Z' ? 1 : 0;
    }
    return capitals >= 2;
}

}  // namespace

std::optional<std::int64_t> parse_count(std::string_view s) {
    if (s.empty() || s.size() > 12 || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
    std::int64_t value = 0;
    std::from_chars(s.data(), s.data() + s.size(), value);
    return value;
}

bool is_author_line(std::string_view s) {
    if (s.size() > 120) return false;
    auto words = words_of(s);
    std::size_t first = 0;
    while (first < words.size() && first < 2 && contains(honorifics, words[first])) ++first;
    bool titled = first > 0;
    // Degrees: after the first comma, or known degrees ending a comma-less line.
    std::size_t end = words.size();
    bool degrees = false;
    auto comma = std::find_if(words.begin() + static_cast<std::ptrdiff_t>(first), words.end(),
                              [](std::string_view w) { return w.ends_with(','); });
    if (comma != words.end()) {
        end = static_cast<std::size_t>(comma - words.begin()) + 1;
        auto rest = s.substr(s.find(',', static_cast<std::size_t>(words[end - 1].data() - s.data())) + 1);
        for (auto item : split(rest, ','))
            for (auto token : words_of(item))
                if (!is_credential(token)) return false;
        if (words_of(rest).empty()) return false;
        words[end - 1].remove_suffix(1);
        degrees = true;
    } else {
        while (end > first + 1 && contains(common_degrees, words[end - 1])) {
            --end;
            degrees = true;
        }
    }
    std::vector<std::string_view> name(words.begin() + static_cast<std::ptrdiff_t>(first),
                                       words.begin() + static_cast<std::ptrdiff_t>(end));
    std::size_t min_words = titled || degrees ? 1 : 2;
    if (name.size() < min_words || name.size() > 8) return false;
    return is_capitalised_words(name, false);
}

std::optional<std::pair<std::string, std::string>> parse_city_specialty(std::string_view s) {
    if (s.size() > 120) return std::nullopt;
    auto words = words_of(s);
    if (words.empty() || !is_specialty_word(words.back(), true)) return std::nullopt;
    std::size_t start = words.size() - 1;  // first word of the specialty
    while (start > 0) {
        if (is_specialty_word(words[start - 1], false)) {
            --start;
        } else if (start >= 2 && contains(connectors, words[start - 1]) && is_specialty_word(words[start - 2], false)) {
            start -= 2;
        } else {
            break;
        }
    }
    auto specialty_at = static_cast<std::size_t>(words[start].data() - s.data());
    auto city = trim(s.substr(0, specialty_at));
    if (!is_place(city)) return std::nullopt;
    return std::pair{std::string(city), std::string(s.substr(specialty_at))};
}

std::optional<std::pair<double, std::optional<std::int64_t>>> parse_rating(std::string_view s) {
    constexpr std::string_view middle = " out of 5 stars";
    auto at = s.find(middle);
    if (at == std::string_view::npos || at == 0) return std::nullopt;
    auto number = s.substr(0, at);
    double rating = -1;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), rating);
    if (ec != std::errc{} || end != number.data() + number.size() || !is_digit(number.front()) || rating > 5)
        return std::nullopt;
    auto rest = s.substr(at + middle.size());
    if (rest.empty()) return std::pair{rating, std::optional<std::int64_t>{}};
    if (!rest.starts_with(' ')) return std::nullopt;
    rest.remove_prefix(1);
    for (auto unit : {std::string_view(" reviews"), std::string_view(" review")}) {
        if (!rest.ends_with(unit)) continue;
        std::string digits;  // "1,204" -> "1204"
        for (char c : rest.substr(0, rest.size() - unit.size()))
            if (c != ',') digits += c;
        if (auto count = parse_count(digits)) return std::pair{rating, std::optional{*count}};
    }
    return std::nullopt;
}

std::optional<Attribution> read_attribution(const std::vector<std::string_view>& lines) {
    if (lines.empty() || lines.size() > 3) return std::nullopt;
    Attribution a;
    std::size_t end = lines.size();
    if (auto rating = parse_rating(lines[end - 1])) {
        a.rating = rating->first;
        a.reviews = rating->second;
        --end;
    }
    if (end > 0) {
        if (auto place = parse_city_specialty(lines[end - 1])) {
            a.location = std::move(place->first);
            a.specialty = std::move(place->second);
            --end;
        }
    }
    if (!a.rating && a.specialty.empty()) return std::nullopt;
    if (end > 0 && is_author_line(lines[end - 1])) a.author = lines[--end];
    if (end != 0) return std::nullopt;
    return a;
}

}  // namespace qadex::page
