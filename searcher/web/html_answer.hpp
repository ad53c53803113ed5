// The pieces of an answer that the results page and the thread page both
// show, as escaped HTML.
#pragma once

#include <string>

#include <qadex/stored_answer.hpp>

namespace qadex::html {

// The question's title, a link to the thread's page when its URL is http(s).
std::string question_title(const StoredAnswer& stored);

// "Cordelia Fenwick, MD · Plastic Surgeon · San Francisco · ★ 4.9/5 (132
// reviews)"; an answer that names nobody is credited to its source.
std::string attribution(const StoredAnswer& stored);

}  // namespace qadex::html
