// Reads a synonyms file (docs/FORMATS.md, "Synonyms"): one group of
// equivalent terms per line, separated by commas; '#' starts a comment.
//   botox, botulinum toxin, onabotulinumtoxinA
#pragma once

#include <string>
#include <vector>

#include <qadex/error.hpp>

namespace qadex {

// Returns the groups with every term folded as the index folds text. A line
// with a single term is added to `problems` (FILE:LINE: reason). Throws
// InputError("FILE: reason") when the file cannot be read.
std::vector<std::vector<std::string>> read_synonyms_file(const std::string& path, std::vector<InputError>& problems);

}  // namespace qadex
