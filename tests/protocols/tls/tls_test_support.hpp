// Helpers for the TLS tests: lab credentials, and a pump that moves
// ciphertext between two engines with any chunking strategy.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/tls/certificate.hpp"
#include "protocols/tls/tls_engine.hpp"
#include "tests/support/chunking.hpp"

namespace maillab::test {

using protocols::tls::CertificateAndKey;
using protocols::tls::TlsEngine;

inline CertificateAndKey lab_credentials() {
    return protocols::tls::generate_self_signed("mail.maillab.test",
                                                {"mail.maillab.test", "localhost", "127.0.0.1"});
}

// A way of cutting the bytes of one transfer into receive() calls.
struct Chunking {
    std::string name;
    std::function<void(std::string_view, const Feeder&)> feed;
};

inline Chunking whole_chunks() {
    return {"whole", feed_whole};
}

inline std::vector<Chunking> all_chunkings() {
    std::vector<Chunking> out{whole_chunks(), {"bytewise", feed_bytewise}};
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
        out.push_back(
            {"random " + std::to_string(seed), [seed](std::string_view bytes, const Feeder& feed) {
                 feed_random_chunks(bytes, seed, feed);
             }});
    }
    return out;
}

struct Wire {
    std::string client_to_server;
    std::string server_to_client;
};

// Moves ciphertext both ways until both engines are quiet.
inline Wire pump(TlsEngine& client, TlsEngine& server, const Chunking& chunking = whole_chunks(),
                 std::size_t max_rounds = 1000) {
    Wire wire;
    for (std::size_t round = 0; round < max_rounds; ++round) {
        const std::string to_server = client.take_ciphertext();
        const std::string to_client = server.take_ciphertext();
        if (to_server.empty() && to_client.empty()) break;
        wire.client_to_server += to_server;
        wire.server_to_client += to_client;
        chunking.feed(to_server, [&](std::string_view b) { server.feed_ciphertext(b); });
        chunking.feed(to_client, [&](std::string_view b) { client.feed_ciphertext(b); });
    }
    return wire;
}

}  // namespace maillab::test
