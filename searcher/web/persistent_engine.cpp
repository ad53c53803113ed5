// The engine kept open between web requests (see persistent_engine.hpp).
#include "web/persistent_engine.hpp"

namespace qadex {

SearchEngine& PersistentEngine::engine() {
    if (following_.path().empty()) throw_database_not_configured();
    return following_.engine();
}

}  // namespace qadex
