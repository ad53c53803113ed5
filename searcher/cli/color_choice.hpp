// Whether qadex-search colours its text output (--color, NO_COLOR, TERM).
#pragma once

#include "cli/search_options.hpp"

namespace qadex {

// always / never as asked; auto: only on a terminal, and not when $NO_COLOR
// is set (to any value, https://no-color.org) or $TERM is "dumb".
bool use_color(ColorMode mode, bool stdout_is_terminal);

}  // namespace qadex
