// Fuzzes the CRLF framer: the first byte picks the policy and limit, the rest
// is fed once whole and once in chunks sized by the data itself; both must
// give the same lines, and the buffer must stay within the limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "protocols/core/line_framer.hpp"

using namespace maillab::protocols::core;

namespace {

std::vector<FramedLine> drain(LineFramer& framer) {
    std::vector<FramedLine> lines;
    while (auto line = framer.next_line())
        lines.push_back(*line);
    return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const FramerLimits limits{static_cast<std::size_t>(data[0] & 0x3F) + 1,
                              (data[0] & 0x40) ? BareLfPolicy::Accept : BareLfPolicy::Reject};
    const std::string_view input{reinterpret_cast<const char*>(data + 1), size - 1};

    LineFramer whole{limits};
    whole.feed(input);
    const auto expected = drain(whole);

    LineFramer chunked{limits};
    std::vector<FramedLine> got;
    std::size_t i = 0;
    while (i < input.size()) {
        const std::size_t n = 1 + static_cast<std::uint8_t>(input[i]) % 7;
        chunked.feed(input.substr(i, n));
        for (auto& line : drain(chunked))
            got.push_back(std::move(line));
        if (chunked.buffered() > limits.max_line_octets + 1 + n) std::abort();
        i += n;
    }
    if (got != expected) std::abort();
    for (const auto& line : got) {
        if (line.status != LineStatus::TooLong && line.text.size() > limits.max_line_octets) {
            std::abort();
        }
    }
    return 0;
}
