// Opening the engine on first use (see engine_source.hpp).
#include "web/engine_source.hpp"

#include <qadex/database_location.hpp>

namespace qadex {

void throw_database_not_configured() {
    throw DatabaseMissingError("QADEX_DB is not set in the server's configuration");
}

SearchEngine& OpenOnDemand::engine() {
    if (path_.empty()) throw_database_not_configured();
    if (!engine_) engine_.emplace(path_);
    return *engine_;
}

}  // namespace qadex
