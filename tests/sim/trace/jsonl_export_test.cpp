#include "sim/trace/jsonl_export.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace maillab::sim;

TEST_CASE("JSON lines carry each event with default fields left out") {
    Trace trace;
    trace.append({.t = 0,
                  .kind = EventKind::HostAdded,
                  .host = 1,
                  .value = 167772161,
                  .payload = "mail.maillab.test"});
    trace.append({.t = 1500,
                  .kind = EventKind::Reply,
                  .dir = Direction::ServerToClient,
                  .host = 1,
                  .peer = 2,
                  .conn = 7,
                  .payload = "250 2.1.0 Ok\r\n",
                  .note = "sender \"accepted\"",
                  .ref = "RFC 5321 §4.2"});
    std::ostringstream out;
    write_jsonl(trace, out);
    REQUIRE(out.str() ==
            "{\"t\":0,\"seq\":0,\"kind\":\"host_added\",\"host\":1,\"value\":167772161,"
            "\"payload\":\"mail.maillab.test\"}\n"
            "{\"t\":1500,\"seq\":1,\"kind\":\"reply\",\"dir\":\"s2c\",\"host\":1,\"peer\":2,"
            "\"conn\":7,\"payload\":\"250 2.1.0 Ok\\r\\n\",\"note\":\"sender \\\"accepted\\\"\","
            "\"ref\":\"RFC 5321 §4.2\"}\n");
}

TEST_CASE("binary payloads are written as base64, control bytes escaped") {
    Trace trace;
    trace.append(
        {.t = 0, .kind = EventKind::TlsRecord, .payload = std::string{"\x16\x03\x01\xff", 4}});
    trace.append({.t = 0, .kind = EventKind::SessionNote, .payload = std::string{"a\0b", 3}});
    std::ostringstream out;
    write_jsonl(trace, out);
    REQUIRE(out.str() ==
            "{\"t\":0,\"seq\":0,\"kind\":\"tls_record\",\"payload_base64\":\"FgMB/w==\"}\n"
            "{\"t\":0,\"seq\":1,\"kind\":\"session_note\",\"payload\":\"a\\u0000b\"}\n");
}

TEST_CASE("the same trace always exports the same bytes") {
    auto build = [] {
        Trace trace;
        for (int i = 0; i < 100; ++i) {
            trace.append({.t = i * 10,
                          .kind = EventKind::TcpSegment,
                          .conn = 1,
                          .payload = "line " + std::to_string(i)});
        }
        std::ostringstream out;
        write_jsonl(trace, out);
        return out.str();
    };
    REQUIRE(build() == build());
}
