// BDAT (RFC 3030 CHUNKING): "BDAT <chunk-size> [LAST]" followed by exactly
// chunk-size octets of message, with no dot-stuffing and no end marker.
//
// Implemented: chunk sizes up to kMaxBdatChunkDigits digits, LAST, "BDAT 0
// LAST", accumulation bounded by the message size limit (the rest of an
// over-size message is read and dropped so the session stays in sync).
// Not yet: BINARYMIME (the server does not advertise it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace maillab::protocols::smtp {

// 18 digits keep the size below 2^63 with no overflow check needed later.
inline constexpr std::size_t kMaxBdatChunkDigits = 18;

struct BdatCommand {
    std::uint64_t size = 0;
    bool last = false;
};

// The argument of BDAT ("1000 LAST"); nothing when the syntax is wrong.
std::optional<BdatCommand> parse_bdat_argument(std::string_view argument);

// Collects the chunks of one message up to a size limit.
class BdatAssembler {
public:
    explicit BdatAssembler(std::size_t max_message_octets) : max_octets_(max_message_octets) {}

    void begin_chunk(std::uint64_t size) { remaining_ = size; }
    // Takes up to the rest of the current chunk from `bytes`; returns how many octets it used.
    std::size_t feed(std::string_view bytes);
    bool chunk_done() const { return remaining_ == 0; }
    std::uint64_t remaining_in_chunk() const { return remaining_; }
    bool too_big() const { return too_big_; }
    std::uint64_t octets() const { return octets_; }
    std::string take_message() { return too_big_ ? std::string{} : std::move(message_); }

private:
    std::size_t max_octets_;
    std::uint64_t remaining_ = 0;
    std::uint64_t octets_ = 0;
    std::string message_;
    bool too_big_ = false;
};

}  // namespace maillab::protocols::smtp
