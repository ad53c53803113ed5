// Whether a run has anything to read at all: a run whose every input is
// missing or unreadable must not create (or, with --rebuild, replace) a
// database, so it is found out before the database is opened.
#pragma once

#include <vector>

#include <qadex/input_files.hpp>

namespace qadex {

// Empty when at least one input can be opened (standard input: is open),
// found by trying them in order up to the first that can (the rest are
// reported when read); otherwise why each cannot, as "FILE: reason".
std::vector<InputError> why_no_input_is_readable(const std::vector<InputFile>& inputs);

// Standard input is among the inputs and is a pipe, socket or terminal
// (not a file redirected with <): its records arrive at the producer's pace.
bool reads_a_stream(const std::vector<InputFile>& inputs);

}  // namespace qadex
