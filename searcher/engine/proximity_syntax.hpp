// The query language's NEAR and ADJ as Debian's libxapian 1.4.22
// QueryParser can take them: what qadex does to a structured query's text
// before handing it to the parser.
#pragma once

#include <string>
#include <string_view>

namespace qadex {

// Xapian 1.4's grammar takes NEAR and ADJ only between single words: a word
// typed before or after a chain joins it into a "group", the parser meets a
// syntax error, and it silently searches the query as words, NEAR among
// them ("shingles vaccine NEAR/5 age" matched "near" and "5"). Brackets end
// a group, so each chain "a NEAR b [ADJ/2 c ...]" outside quotes is
// bracketed, with a leading - or + kept outside ("-a ADJ b c" becomes
// "-(a ADJ b) c", which also avoids a parser leak, see below). Chains of
// anything but plain or field:words are left as typed.
std::string bracket_proximity_chains(std::string_view query);

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
