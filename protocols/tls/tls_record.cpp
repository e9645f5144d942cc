#include "protocols/tls/tls_record.hpp"

namespace maillab::protocols::tls {

namespace {

constexpr std::uint8_t kTlsMajorVersion = 3;

bool known_type(std::uint8_t type) {
    return type >= static_cast<std::uint8_t>(ContentType::ChangeCipherSpec) &&
           type <= static_cast<std::uint8_t>(ContentType::ApplicationData);
}

std::uint8_t octet(const std::string& bytes, std::size_t i) {
    return static_cast<std::uint8_t>(bytes[i]);
}

}  // namespace

std::string_view to_string(ContentType type) {
    switch (type) {
        case ContentType::ChangeCipherSpec:
            return "change_cipher_spec";
        case ContentType::Alert:
            return "alert";
        case ContentType::Handshake:
            return "handshake";
        case ContentType::ApplicationData:
            return "application_data";
    }
    return "unknown";
}

core::Explanation explain(const TlsRecord& record) {
    std::string meaning;
    switch (record.type) {
        case ContentType::Handshake:
            meaning =
                "A handshake record: hello messages that agree on version, cipher and keys, "
                "the certificate, and Finished. A sniffer can read the hellos.";
            break;
        case ContentType::ChangeCipherSpec:
            meaning =
                "ChangeCipherSpec: in TLS 1.2 it says \"encrypted from now on\"; TLS 1.3 sends "
                "it only so that middleboxes stay calm.";
            break;
        case ContentType::Alert:
            meaning =
                "An alert: a warning or a fatal error (after the handshake it is encrypted), "
                "or close_notify, the polite goodbye.";
            break;
        case ContentType::ApplicationData:
            meaning =
                "Encrypted data: a sniffer sees only its length. In TLS 1.3 even the late "
                "handshake messages travel like this.";
            break;
    }
    return core::Explanation{std::string{to_string(record.type)} + " record, " +
                                 std::to_string(record.body_length()) + " bytes. " + meaning,
                             "RFC 8446 §5.1"};
}

std::vector<TlsRecord> RecordSplitter::feed(std::string_view bytes) {
    std::vector<TlsRecord> records;
    if (garbled_) return records;
    pending_.append(bytes);
    std::size_t start = 0;
    while (pending_.size() - start >= TlsRecord::kHeaderOctets) {
        const std::uint8_t type = octet(pending_, start);
        const std::uint8_t major = octet(pending_, start + 1);
        const std::size_t length =
            std::size_t{octet(pending_, start + 3)} << 8 | std::size_t{octet(pending_, start + 4)};
        if (!known_type(type) || major != kTlsMajorVersion || length > kMaxRecordBodyOctets) {
            garbled_ = true;
            pending_.clear();
            return records;
        }
        const std::size_t total = TlsRecord::kHeaderOctets + length;
        if (pending_.size() - start < total) break;
        TlsRecord record;
        record.direction = direction_;
        record.type = static_cast<ContentType>(type);
        record.version = static_cast<std::uint16_t>(major << 8 | octet(pending_, start + 2));
        record.bytes = pending_.substr(start, total);
        records.push_back(std::move(record));
        start += total;
    }
    pending_.erase(0, start);
    return records;
}

}  // namespace maillab::protocols::tls
