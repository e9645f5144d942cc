// The whole server session gives the same replies, events and stored
// messages whatever the chunking of its input (the Session contract).
#include <catch2/catch.hpp>

#include "protocols/core/base64.hpp"
#include "protocols/smtp/server_session.hpp"
#include "tests/protocols/smtp/memory_backend.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols::smtp;
using namespace maillab::protocols::smtp::test;

namespace {

void require_same_under_all_chunkings(const ServerConfig& config, const std::string& input) {
    const auto runs = maillab::test::under_all_chunkings<ServerRun>(input, [&](const auto& feed) {
        MemoryBackend backend;
        return run_server(config, backend, feed);
    });
    for (const auto& r : runs) {
        REQUIRE(r.output == runs.front().output);
        REQUIRE(r.events == runs.front().events);
        REQUIRE(r.accepted == runs.front().accepted);
        REQUIRE(r.closed == runs.front().closed);
    }
}

}  // namespace

TEST_CASE("server session: same result under all chunkings") {
    const std::string auth =
        maillab::protocols::core::encode_base64(std::string{"\0alice\0secret", 13});
    const std::vector<std::pair<ServerConfig, std::string>> scripts{
        {mx_config(),
         "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nRCPT "
         "TO:<x@example.test>\r\n"
         "DATA\r\nSubject: s\r\n\r\n..x\r\n.\r\nQUIT\r\n"},
        {mx_config(),
         "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nBDAT 5\r\nab\r\n.BDAT 0 "
         "LAST\r\n"
         "NOOP\nBOGUS\r\n" +
             std::string(3000, 'x') + "\r\nQUIT\r\n"},
        {mx_config(),
         "EHLO c\r\nMAIL FROM:<a@r.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\na\n.\nMAIL "
         "FROM:<e@x>\r\n.\r\n"},
        {submission_config(false, true),
         "EHLO c\r\nAUTH PLAIN\r\n" + auth +
             "\r\nMAIL FROM:<alice@example.test>\r\nRCPT TO:<z@far.test>\r\n"
             "DATA\r\nhello\r\n.\r\n"},
        {submission_config(false, true),
         "EHLO c\r\nAUTH LOGIN\r\n*\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n"},
        {[] {
             auto c = mx_config();
             c.tls_available = true;
             return c;
         }(),
         "EHLO c\r\nSTARTTLS\r\nMAIL FROM:<x@evil.test>\r\nRCPT TO:<bob@example.test>\r\n"},
    };
    for (const auto& [config, input] : scripts) {
        INFO(input);
        require_same_under_all_chunkings(config, input);
    }
}
