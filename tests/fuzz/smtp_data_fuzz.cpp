// libFuzzer target: the DATA reader. Whatever the bytes, it must consume no
// more than it was given, agree with itself under two chunkings, keep memory
// within the size limit, and round-trip through dot_stuff.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocols/smtp/data_reader.hpp"

namespace {

using maillab::protocols::smtp::DataReader;

constexpr std::size_t kLimit = 8192;

struct Result {
    std::size_t used = 0;
    bool done = false;
    DataReader::Outcome outcome = DataReader::Outcome::Ok;
    std::string message;
};

Result read(std::string_view input, std::size_t chunk) {
    DataReader reader{kLimit};
    Result r;
    for (std::size_t i = 0; i < input.size() && !reader.done(); i += chunk) {
        const std::string_view piece = input.substr(i, chunk);
        const std::size_t n = reader.feed(piece);
        if (n > piece.size()) std::abort();
        r.used += n;
    }
    r.done = reader.done();
    r.outcome = reader.outcome();
    r.message = reader.take_message();
    if (r.message.size() > kLimit) std::abort();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 32;
    const std::string_view input{reinterpret_cast<const char*>(data) + 1, size - 1};
    const Result whole = read(input, input.size() + 1);
    const Result pieces = read(input, chunk);
    if (whole.used != pieces.used || whole.done != pieces.done || whole.outcome != pieces.outcome ||
        whole.message != pieces.message)
        std::abort();
    if (whole.done && whole.outcome == DataReader::Outcome::Ok) {
        const std::string wire = maillab::protocols::smtp::dot_stuff(whole.message) + ".\r\n";
        const Result again = read(wire, wire.size() + 1);
        if (!again.done || again.used != wire.size() || again.message != whole.message)
            std::abort();
    }
    return 0;
}
