// Test helpers for the POP3 server: a memory maildrop with known users and
// messages, and a session fed one script at a time.
#pragma once

#include <string>
#include <vector>

#include "protocols/pop3/memory_maildrop.hpp"
#include "protocols/pop3/server_session.hpp"

namespace maillab::test::pop3 {

using namespace maillab::protocols::pop3;
using maillab::protocols::core::EventKind;
using maillab::protocols::core::ProtocolEvent;

inline const std::string kMessage1 = "From: a@x.test\r\nSubject: one\r\n\r\nHello\r\n";
inline const std::string kMessage2 =
    "From: b@x.test\r\nSubject: two\r\n\r\nline 1\r\n.hidden dot\r\n.\r\nline 4\r\n";

// alice has two messages; bob has none.
inline void fill(MemoryMaildrop& drop) {
    drop.add_user("alice", "secret");
    drop.add_user("bob", "hunter2");
    drop.add_message("alice", kMessage1);
    drop.add_message("alice", kMessage2);
}

inline ServerConfig plain_config() {
    ServerConfig config;
    config.allow_plaintext_auth = true;
    config.apop_pid = 1896;
    config.apop_clock = 697170952;
    config.hostname = "dbc.mtview.ca.us";
    return config;
}

// A started server session; talk() feeds input and returns what it answered.
struct Server {
    explicit Server(MemoryMaildrop& drop, ServerConfig config = plain_config())
        : session(drop, std::move(config)) {
        session.start();
        greeting = session.take_output();
    }
    std::string talk(std::string_view input) {
        session.receive(input);
        return session.take_output();
    }
    std::vector<ProtocolEvent> events_of(EventKind kind) {
        std::vector<ProtocolEvent> out;
        for (auto& e : session.take_events()) {
            if (e.kind == kind) out.push_back(std::move(e));
        }
        return out;
    }
    void login(const std::string& user = "alice", const std::string& pass = "secret") {
        talk("USER " + user + "\r\nPASS " + pass + "\r\n");
    }

    ServerSession session;
    std::string greeting;
};

}  // namespace maillab::test::pop3
