// qadex-search --suggest (see suggest_mode.hpp).
#include "cli/suggest_mode.hpp"

#include <qadex/exit_codes.hpp>

#include "engine/suggest.hpp"
#include "output/suggest_json.hpp"

namespace qadex {

int run_suggest(const Xapian::Database& db, const std::string& text, std::ostream& out) {
    Suggester suggester(db);
    out << suggest_json(suggester.suggest(text));
    return exit_code::ok;
}

}  // namespace qadex
