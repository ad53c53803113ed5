// Which answers of a thread one write carries. A thread of many answers is
// written in parts, in order (first, any middle ones, last), with nothing
// else written between them, so that its documents are never all in memory
// at once. It still replaces the thread's earlier version as a whole (an
// answer in no part is deleted) and is committed only after its last part:
// a thread is never half-indexed.
#pragma once

namespace qadex {

enum class ThreadPart { whole, first, middle, last };

inline bool starts_thread(ThreadPart part) { return part == ThreadPart::whole || part == ThreadPart::first; }
inline bool ends_thread(ThreadPart part) { return part == ThreadPart::whole || part == ThreadPart::last; }

}  // namespace qadex
