// What qadex does to a structured query's text before handing it to
// Debian's libxapian 1.4.22 QueryParser, so that the query language means
// what it says (NEAR and ADJ among other words, a query of only exclusions)
// and the parser's leaks are never reached.
#pragma once

#include <string>
#include <string_view>

namespace qadex {

// A byte of a letter or digit: an ASCII one, or any byte of a non-ASCII
// character (the parser's words include them).
bool is_word_byte(char c);

// Xapian 1.4's grammar takes NEAR and ADJ only between single words: a word
// typed before or after a chain joins it into a "group", the parser meets a
// syntax error, and it silently searches the query as words, NEAR among
// them ("shingles vaccine NEAR/5 age" matched "near" and "5"). Brackets end
// a group, so each chain "a NEAR b [ADJ/2 c ...]" outside quotes is
// bracketed, with a leading - or + kept outside ("-a ADJ b c" becomes
// "-(a ADJ b) c", which also avoids a parser leak, see below). Chains of
// anything but plain or field:words are left as typed.
std::string bracket_proximity_chains(std::string_view query);

// Whether the query reads as prose, a question written out (more than 12
// words, fewer than one in 6 of them AND, OR, NOT, XOR, NEAR or ADJ), whose
// upper-case "operators" are words: "an anti-depressant that DOES NOT
// contain soy" excluded soy, and 24 of MeQSum's 985 consumer questions were
// read as boolean queries. Short queries, or long ones dense with operators
// ("(botox OR dysport) AND (forehead OR glabella) NOT (eyebrow OR eyelid)"),
// keep the query language.
bool reads_as_prose(std::string_view query);

// A query of nothing but excluded words ("-botox", "-botox -filler") as the
// parser's NOT ("NOT (botox filler)"), which matches every answer without
// them, as Elasticsearch's and Meilisearch's "-word" do. The parser alone
// cannot "just hate": it searched such a query as its words, botox answers
// for "-botox". Any other query comes back as typed.
std::string exclusions_as_not(std::string_view query);

// The parser takes no sign before a range: "botox -rating:..4" and
// "botox +rating:4.." were syntax errors, searched as plain words. In a
// query of words, phrases and signed words (no operator, no bracket), a
// "+range" loses its sign (a range already filters) and every "-range"
// moves to the end as "NOT (range OR ...)", which means the same there.
// Any other query comes back as typed.
std::string signed_ranges_as_filters(std::string_view query);

// Two dots are a range only after a range field's name ("rating:4..5",
// "date:2025-01-01..", "reviews:10.."): elsewhere ("it hurts.. a lot",
// "SO.. each time") they are punctuation, which the parser takes for a
// range it does not know ("Unknown range operation"). True when the query
// holds a real range.
bool has_range(std::string_view query);

// True for the shapes on which that parser leaks the next token (96 bytes):
// it does when one of its grammar actions rejects the query while that
// token carries a term, i.e. a boolean operator with a missing side
// (VET_BOOL_ARGS) or a group of only "-" words ("Can't just hate!"). Found
// by fuzz_query under LeakSanitizer; qadex.fcgi would grow with each such
// request. Two shapes reach those actions with such a token:
//   - NEAR/n or ADJ/n right after AND, OR, NOT or XOR ("a AND NEAR/3 b");
//   - a "-" word right before NEAR or ADJ ("-a ADJ b c", when bracketing
//     could not take it: the proximity group is all the query has, and the
//     word after it is the token).
// "Right after" skips any bytes between the two words (tabs, vertical tabs,
// brackets, signs: the parser's idea of a separator is wider than ours), so
// a few harmless spellings are refused too. Such queries are reported as
// the syntax errors they are, without being parsed.
bool parser_leaks_on(std::string_view query);

}  // namespace qadex
