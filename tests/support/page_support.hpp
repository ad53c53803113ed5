// Helpers for the scraped-page tests (text and HTML): reading fixture pages
// and checking a parsed thread field by field, and that no page noise
// reached the text a search shows.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qadex/document.hpp>

namespace qadex::test {

// Page chrome and layout debris that must never reach indexed text.
inline void require_clean(const std::string& text) {
    INFO(text);
    for (std::string_view noise : {"{{", "}}", "These answers are for educational", "Related Articles", "askvity",
                                   "out of 5 stars", "Doctor Answers", "Published in", "\xC2\xA0", "\r", "\t",
                                   "  ", " \n", "\n ", "\n\n\n"}) {
        INFO("noise: " << noise);
        REQUIRE(text.find(noise) == std::string::npos);
    }
    REQUIRE(text == std::string(text.c_str()));  // no NUL
    if (!text.empty()) {
        REQUIRE(text.front() != ' ');
        REQUIRE(text.back() != ' ');
        REQUIRE(text.back() != '\n');
    }
}

inline void require_clean(const Thread& t) {
    require_clean(t.title);
    require_clean(t.question);
    for (const auto& a : t.answers) {
        require_clean(a.title);
        require_clean(a.body);
    }
}

// Everything a person reads of one answer.
struct ExpectedAnswer {
    std::string title, body, author, specialty, location;
    std::optional<double> rating;
    std::optional<std::int64_t> reviews;
};

struct ExpectedPage {
    std::string title, question;
    std::vector<ExpectedAnswer> answers;
    std::vector<std::string> absent;  // page noise that no title, question or answer may contain
};

// Every field of the thread and of each answer, then: no noise, and no
// answer's attribution lines inside any answer's body.
inline void require_page(const Thread& t, const ExpectedPage& e) {
    CHECK(t.title == e.title);
    CHECK(t.question == e.question);
    REQUIRE(t.answers.size() == e.answers.size());
    for (std::size_t i = 0; i < e.answers.size(); ++i) {
        const Answer& a = t.answers[i];
        const ExpectedAnswer& x = e.answers[i];
        INFO("answer " << i + 1);
        CHECK(a.id == t.id + "-a" + std::to_string(i + 1));
        CHECK(a.title == x.title);
        CHECK(a.body == x.body);
        CHECK(a.author == x.author);
        CHECK(a.specialty == x.specialty);
        CHECK(a.location == x.location);
        CHECK(a.rating == x.rating);
        CHECK(a.reviews == x.reviews);
    }
    require_clean(t);
    for (const auto& a : t.answers) {
        std::string place = a.location.empty() ? a.specialty : a.location + " " + a.specialty;
        for (const auto& b : t.answers) {
            INFO("body of " << b.id);
            if (!a.author.empty()) CHECK(b.body.find(a.author) == std::string::npos);
            if (!place.empty()) CHECK(b.body.find("\n" + place) == std::string::npos);
        }
    }
    for (const auto& noise : e.absent) {
        INFO("noise: " << noise);
        CHECK(t.title.find(noise) == std::string::npos);
        CHECK(t.question.find(noise) == std::string::npos);
        for (const auto& a : t.answers) {
            CHECK(a.title.find(noise) == std::string::npos);
            CHECK(a.body.find(noise) == std::string::npos);
        }
    }
}

}  // namespace qadex::test
