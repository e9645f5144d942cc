// Fuzz target tls_server: arbitrary bytes fed to a server TlsEngine as if
// they came from the network (ClientHello, records, garbage). The first byte
// also picks a split point, so chunk boundaries are fuzzed as well. The
// engine must never crash, and a failure must always carry a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocols/tls/certificate.hpp"
#include "protocols/tls/tls_engine.hpp"

using namespace maillab::protocols::tls;

namespace {

// Generated once per fuzzing process: a new key per input would dominate the
// run time. libFuzzer's entry point gives no other place to keep it.
const TlsContext& server_context() {
    static const TlsContext context =
        TlsContext::server(generate_self_signed("fuzz.maillab.test", {"127.0.0.1"}));
    return context;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes{reinterpret_cast<const char*>(data), size};
    TlsEngine server{server_context()};
    std::size_t recorded = 0;
    server.set_record_observer([&](const TlsRecord& r) {
        if (r.bytes.size() < TlsRecord::kHeaderOctets) std::abort();
        if (r.direction == RecordDirection::Received) recorded += r.bytes.size();
    });

    const std::size_t split = size > 1 ? data[0] % size : size;
    server.feed_ciphertext(bytes.substr(0, split));
    (void)server.take_ciphertext();
    server.feed_ciphertext(bytes.substr(split));
    server.write_plaintext("220 fuzz.maillab.test ready\r\n");
    (void)server.take_ciphertext();
    (void)server.take_plaintext();
    server.feed_eof();
    server.close_notify();
    (void)server.take_ciphertext();

    if (recorded > size) std::abort();
    if (server.failed() && server.error().empty()) std::abort();
    return 0;
}
