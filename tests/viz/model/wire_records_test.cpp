// The inspector's "on the wire" bytes: a command sent inside TLS is found in
// the TLS records its sender wrote, which never show the plaintext; a
// command sent before STLS travelled in the clear and has no records.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "sim/lesson/lesson_list.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "viz/model/wire_records.hpp"

using namespace maillab;
using namespace maillab::sim;

namespace {

LessonRun run_lesson(const std::string& id) {
    const char* src = std::getenv("MAILLAB_SOURCE_DIR");
    REQUIRE(src != nullptr);
    auto result = lesson::load_lesson(std::filesystem::path{src} / "lessons" / (id + ".toml"));
    REQUIRE(result.ok());
    return LessonRun{*result.lesson, 1};
}

}  // namespace

TEST_CASE("wire records: a POP3 PASS after STLS travelled only as TLS records") {
    LessonRun run = run_lesson("ports-and-tls");
    while (!run.finished())
        run.run_step();
    const Trace& trace = run.trace();
    std::size_t plaintext_capa = 0, encrypted_pass = 0;
    bool seen_stls = false;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Event& e = trace[i];
        if (e.kind != EventKind::Command) continue;
        const std::string_view text = trace.payload(e);
        if (text == "STLS") seen_stls = true;
        if (!seen_stls && text == "CAPA" && plaintext_capa == 0) plaintext_capa = i;
        if (seen_stls && text.rfind("PASS ", 0) == 0 && encrypted_pass == 0) encrypted_pass = i;
    }
    REQUIRE(plaintext_capa != 0);
    REQUIRE(encrypted_pass != 0);

    CHECK(viz::wire_records(trace, plaintext_capa).empty());

    const auto records = viz::wire_records(trace, encrypted_pass);
    REQUIRE_FALSE(records.empty());
    std::string wire;
    for (const std::size_t r : records) {
        REQUIRE(trace[r].kind == EventKind::TlsRecord);
        REQUIRE(trace[r].conn == trace[encrypted_pass].conn);
        wire += trace.payload(trace[r]);
    }
    CHECK(static_cast<unsigned char>(wire[0]) == 0x17);  // application_data (RFC 8446 §5.1)
    CHECK(wire.find("PASS") == std::string::npos);
    // Longer than the plaintext: a header and an authentication tag per record.
    CHECK(wire.size() > trace.payload(trace[encrypted_pass]).size() + 5);
}
