// The attribution block under an answer on a scraped page: who wrote it,
// their specialty and city, their star rating. Used by the page parser;
// declared here so that its rules can be tested line by line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qadex::page {

struct Attribution {
    std::string author, specialty, location;
    std::optional<double> rating;
    std::optional<std::int64_t> reviews;
};

// "N" for digits-only text of sane length (at most 12 digits), else nullopt.
std::optional<std::int64_t> parse_count(std::string_view s);

// "Ann Lee, MD", "Dr. María de la Cruz", "Pieter van der Berg, DDS",
// "Seán O'Brien, MD, PhD": an optional honorific, a name of capitalised
// words (with the lower-case particles of several languages inside it) and
// optional degrees after a comma.
bool is_author_line(std::string_view s);

// "Los Angeles Facial Plastic Surgeon" -> {"Los Angeles", "Facial Plastic Surgeon"};
// "Dermatologist" -> {"", "Dermatologist"}. The specialty is the longest run
// of specialty words ending the line (joined by "/", "-", "and" or "&"),
// the capitalised words before it the city.
std::optional<std::pair<std::string, std::string>> parse_city_specialty(std::string_view s);

// "4.9 out of 5 stars 38 reviews", "5 out of 5 stars 1 review", "4.5 out of 5 stars".
std::optional<std::pair<double, std::optional<std::int64_t>>> parse_rating(std::string_view s);

// A paragraph made only of attribution lines, in the order author,
// city/specialty, rating, each optional but with at least the city/specialty
// line or the rating line.
std::optional<Attribution> read_attribution(const std::vector<std::string_view>& lines);

}  // namespace qadex::page
