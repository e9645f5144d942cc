// Fuzz target pop3_command: arbitrary bytes into a POP3 server session over
// an in-memory maildrop. The first byte picks the chunk size and whether TLS
// is available, so chunking and STLS paths are explored too. The session must
// never crash, never throw, and keep its invariants.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocols/pop3/memory_maildrop.hpp"
#include "protocols/pop3/server_session.hpp"

using namespace maillab::protocols::pop3;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    std::string_view input{reinterpret_cast<const char*>(data + 1), size - 1};

    MemoryMaildrop drop;
    drop.add_user("alice", "secret");
    drop.add_user("mrose", "tanstaaf");
    drop.add_message("alice", "From: a@x.test\r\nSubject: one\r\n\r\nHello\r\n");
    drop.add_message("alice", "Subject: dots\r\n\r\n.\r\n..\r\n.x\r\nend\r\n");

    ServerConfig config;
    config.allow_plaintext_auth = (mode & 0x01) != 0;
    config.tls_available = (mode & 0x02) != 0;
    config.apop_pid = 1896;
    config.apop_clock = 697170952;
    config.hostname = "dbc.mtview.ca.us";
    ServerSession session{drop, config};
    session.start();

    const std::size_t chunk = 1 + (mode >> 2);
    while (!input.empty()) {
        const std::size_t n = std::min(chunk, input.size());
        session.receive(input.substr(0, n));
        input.remove_prefix(n);
        session.take_output();
        session.take_events();
        if (session.state() == ServerState::StlsPending) session.on_tls_established();
    }
    // The maildrop is locked exactly while the session is in TRANSACTION.
    const std::string& user = session.user();
    if (!user.empty() && drop.is_locked(user) != (session.state() == ServerState::Transaction)) {
        std::abort();
    }
    const std::size_t before = drop.messages("alice").size();
    session.on_peer_closed();
    // A dropped connection never removes anything, and always releases the lock.
    if (drop.messages("alice").size() != before || drop.is_locked("alice")) std::abort();
    return 0;
}
