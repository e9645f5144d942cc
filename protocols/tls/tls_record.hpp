// TLS records as a sniffer sees them: RecordSplitter cuts a ciphertext stream
// into records by their 5-byte headers (RFC 8446 §5.1, RFC 5246 §6.2.1),
// whatever the chunking, so the trace can show each record next to the
// plaintext it carries. It only observes; OpenSSL does the real parsing.
//
// Implemented: the four content types, records split across chunks, many
// records in one chunk, the length limit. Not interpreted: anything inside a
// record (handshake message types are visible only before encryption starts).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/explanation.hpp"

namespace maillab::protocols::tls {

enum class ContentType : std::uint8_t {
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
};

enum class RecordDirection {
    Sent,      // from this engine to the network
    Received,  // from the network to this engine
};

struct TlsRecord {
    RecordDirection direction = RecordDirection::Sent;
    ContentType type = ContentType::Handshake;
    std::uint16_t version = 0;  // legacy_record_version: 0x0303 even for TLS 1.3
    std::string bytes;          // the whole record, header included

    std::size_t body_length() const { return bytes.size() - kHeaderOctets; }
    static constexpr std::size_t kHeaderOctets = 5;
};

using RecordObserver = std::function<void(const TlsRecord&)>;

std::string_view to_string(ContentType type);
// "handshake record, 517 bytes" with what it means for a student.
core::Explanation explain(const TlsRecord& record);

class RecordSplitter {
public:
    // RFC 5246 §6.2.3: a TLS 1.2 ciphertext body is at most 2^14 + 2048
    // octets (TLS 1.3 allows less); anything longer is not TLS.
    static constexpr std::size_t kMaxRecordBodyOctets = (1U << 14) + 2048;

    explicit RecordSplitter(RecordDirection direction) : direction_(direction) {}

    // Appends bytes; returns every record they complete. After a header that
    // cannot be TLS (unknown type, wrong major version, too long) the stream
    // is marked garbled and nothing more is reported.
    std::vector<TlsRecord> feed(std::string_view bytes);
    bool garbled() const { return garbled_; }
    // Octets of an incomplete record held back.
    std::size_t buffered() const { return pending_.size(); }

private:
    RecordDirection direction_;
    std::string pending_;
    bool garbled_ = false;
};

}  // namespace maillab::protocols::tls
