// Stored answer decoding: the bytes are a document's data as the searcher
// reads it back from the database (a damaged or foreign database can hold
// anything). Bad data may only raise qadex::Error; data that decodes must
// encode to bytes that decode to the same answer again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <qadex/error.hpp>
#include <qadex/stored_answer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    qadex::StoredAnswer answer;
    try {
        answer = qadex::decode_stored_answer(bytes);
    } catch (const qadex::Error&) {
        return 0;
    }
    const std::string encoded = qadex::encode_stored_answer(answer);
    const std::string again = qadex::encode_stored_answer(qadex::decode_stored_answer(encoded));
    if (again != encoded) __builtin_trap();
    return 0;
}
