// libFuzzer target: arbitrary bytes into an SMTP server session, in each
// role, in chunks chosen by the input. The session must never crash, never
// throw, never talk after closing, and only ever send well-formed replies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocols/smtp/server_session.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"

namespace {

using namespace maillab::protocols::smtp;

void check_replies(std::string_view out) {
    std::size_t pos = 0;
    while (pos < out.size()) {
        const std::size_t end = out.find("\r\n", pos);
        if (end == std::string_view::npos || end - pos < 3) std::abort();
        for (std::size_t i = pos; i < pos + 3; ++i)
            if (out[i] < '0' || out[i] > '9') std::abort();
        pos = end + 2;
    }
}

void run(ServerConfig config, std::string_view input, std::size_t chunk) {
    test::MemoryBackend backend;
    config.limits.max_message_octets = 4096;
    config.limits.max_recipients = 5;
    ServerSession server{config, backend};
    server.start();
    check_replies(server.take_output());
    for (std::size_t i = 0; i < input.size(); i += chunk) {
        const bool was_closed = server.closed();
        server.receive(input.substr(i, chunk));
        const std::string out = server.take_output();
        if (was_closed && !out.empty()) std::abort();
        check_replies(out);
        for (const auto& e : server.take_events())
            if (e.kind == maillab::protocols::core::EventKind::StartTls)
                server.on_tls_established();
    }
    server.on_timeout();
    check_replies(server.take_output());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 64;
    const std::string_view input{reinterpret_cast<const char*>(data) + 1, size - 1};
    run(test::mx_config(), input, chunk);
    run(test::submission_config(true, true), input, chunk);
    auto smtps = test::submission_config(false, false);
    smtps.role = ServerRole::Submissions;
    run(smtps, input, chunk);
    return 0;
}
