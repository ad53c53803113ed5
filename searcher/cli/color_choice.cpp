// --color auto|always|never, NO_COLOR and TERM=dumb (see color_choice.hpp).
#include "cli/color_choice.hpp"

#include <cstdlib>
#include <string_view>

namespace qadex {

bool use_color(ColorMode mode, bool stdout_is_terminal) {
    if (mode != ColorMode::automatic) return mode == ColorMode::always;
    if (!stdout_is_terminal || std::getenv("NO_COLOR")) return false;
    const char* term = std::getenv("TERM");
    return !(term && std::string_view(term) == "dumb");
}

}  // namespace qadex
