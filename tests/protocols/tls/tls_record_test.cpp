#include "protocols/tls/tls_record.hpp"

#include <catch2/catch.hpp>

#include "tests/support/chunking.hpp"

using namespace maillab::protocols::tls;

namespace {

std::string record(ContentType type, std::size_t body_length, char fill = 'x') {
    std::string out;
    out += static_cast<char>(type);
    out += '\x03';
    out += '\x03';
    out += static_cast<char>(body_length >> 8);
    out += static_cast<char>(body_length & 0xFF);
    out += std::string(body_length, fill);
    return out;
}

struct Seen {
    std::vector<ContentType> types;
    std::vector<std::string> bytes;
    bool operator==(const Seen&) const = default;
};

}  // namespace

TEST_CASE("RecordSplitter reports the same records under every chunking") {
    const std::string stream =
        record(ContentType::Handshake, 300) + record(ContentType::ChangeCipherSpec, 1, '\x01') +
        record(ContentType::ApplicationData, 0) + record(ContentType::ApplicationData, 40) +
        record(ContentType::Alert, 2, '\x00');
    const auto results = maillab::test::under_all_chunkings<Seen>(
        stream, [](const std::function<void(const maillab::test::Feeder&)>& feed_all) {
            RecordSplitter splitter{RecordDirection::Received};
            Seen seen;
            feed_all([&](std::string_view chunk) {
                for (const auto& r : splitter.feed(chunk)) {
                    CHECK(r.direction == RecordDirection::Received);
                    CHECK(r.version == 0x0303);
                    seen.types.push_back(r.type);
                    seen.bytes.push_back(r.bytes);
                }
            });
            CHECK(splitter.buffered() == 0);
            return seen;
        });
    REQUIRE(results.front().types ==
            std::vector<ContentType>{ContentType::Handshake, ContentType::ChangeCipherSpec,
                                     ContentType::ApplicationData, ContentType::ApplicationData,
                                     ContentType::Alert});
    std::string joined;
    for (const auto& b : results.front().bytes)
        joined += b;
    REQUIRE(joined == stream);
    for (const auto& r : results)
        REQUIRE(r == results.front());
}

TEST_CASE("RecordSplitter holds back an incomplete record") {
    RecordSplitter splitter{RecordDirection::Sent};
    const std::string r = record(ContentType::Handshake, 10);
    CHECK(splitter.feed(r.substr(0, 3)).empty());
    CHECK(splitter.feed(r.substr(3, 8)).empty());
    CHECK(splitter.buffered() == 11);
    const auto done = splitter.feed(r.substr(11));
    REQUIRE(done.size() == 1);
    CHECK(done[0].body_length() == 10);
    CHECK(done[0].direction == RecordDirection::Sent);
}

TEST_CASE("RecordSplitter stops at bytes that cannot be TLS") {
    SECTION("an HTTP request") {
        RecordSplitter splitter{RecordDirection::Received};
        CHECK(splitter.feed("GET / HTTP/1.1\r\n\r\n").empty());
        CHECK(splitter.garbled());
        CHECK(splitter.feed(record(ContentType::Handshake, 1)).empty());
    }
    SECTION("a wrong major version") {
        RecordSplitter splitter{RecordDirection::Received};
        std::string r = record(ContentType::Handshake, 1);
        r[1] = '\x02';
        CHECK(splitter.feed(r).empty());
        CHECK(splitter.garbled());
    }
    SECTION("the length limit") {
        RecordSplitter ok{RecordDirection::Received};
        CHECK(ok.feed(record(ContentType::ApplicationData, RecordSplitter::kMaxRecordBodyOctets))
                  .size() == 1);
        CHECK_FALSE(ok.garbled());
        RecordSplitter too_long{RecordDirection::Received};
        CHECK(too_long.feed(record(ContentType::ApplicationData, 0).substr(0, 3) + "\x48\x01")
                  .empty());
        CHECK(too_long.garbled());
        CHECK(too_long.buffered() == 0);
    }
}

TEST_CASE("every record type has a student-facing explanation") {
    for (const ContentType type : {ContentType::ChangeCipherSpec, ContentType::Alert,
                                   ContentType::Handshake, ContentType::ApplicationData}) {
        TlsRecord r;
        r.type = type;
        r.bytes = record(type, 7);
        const auto why = explain(r);
        CHECK(why.meaning.starts_with(std::string{to_string(type)} + " record, 7 bytes."));
        CHECK(why.reference == "RFC 8446 §5.1");
    }
}
