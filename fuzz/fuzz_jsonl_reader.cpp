// The JSON Lines path end to end: the bytes become a file (plain, or gzip
// when they start with gzip's magic) read by RecordReader line by line, and
// each record is parsed into a thread and serialised back. Bad input may
// only raise InputError; a parsed thread must survive a round trip.
#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

#include <qadex/error.hpp>
#include <qadex/record_reader.hpp>
#include <qadex/thread_json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // An in-memory file, so RecordReader opens a real path as it does in qadex-index.
    static const int fd = memfd_create("fuzz.jsonl", 0);
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) return 0;
    qadex::InputFile input{"/proc/self/fd/" + std::to_string(fd), "fuzz.jsonl", qadex::InputFormat::jsonl, {}};
    try {
        qadex::RecordReader reader(input);
        qadex::RawRecord record;
        for (int i = 0; i < 10000; ++i) {
            try {
                if (!reader.next(record)) break;
                qadex::Thread t = qadex::parse_record(record, input);
                std::string again = qadex::thread_to_json(t);
                if (qadex::parse_thread_json(again, "again", 1) != t) __builtin_trap();
            } catch (const qadex::InputError&) {
            }
        }
    } catch (const qadex::InputError&) {
    }
    return 0;
}
