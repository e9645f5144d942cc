// Test fixture for the IMAP server: a MemoryStore with the account alice
// (password "pw") and sessions logged in over it. Several sessions made from
// one StoreFixture share the store, its ChangeNotifier and one ServerConfig,
// so they see each other's changes and agree on \Recent.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "protocols/imap/directory_credentials.hpp"
#include "protocols/imap/server_session.hpp"
#include "protocols/store/memory_store.hpp"

namespace maillab::test {

using protocols::imap::DirectoryCredentials;

struct StoreFixture {
    explicit StoreFixture(protocols::store::QuotaLimits limits = {}) {
        (void)accounts.add_account("alice", "pw", limits);
        config.plaintext_auth = true;
        config.now = [] { return std::int64_t{1700000000}; };  // 14-Nov-2023 22:13:20 +0000
    }
    // Adds a message to a mailbox directly in the store (as SMTP delivery would).
    protocols::store::Uid deliver(std::string_view mailbox, std::string_view bytes,
                                  protocols::store::Flags flags = {}) {
        return mail.append("alice", mailbox, bytes, flags, 1700000000).value();
    }

    protocols::store::AccountDirectory accounts;
    protocols::store::MemoryStore store{accounts};
    protocols::store::MailStore& mail = store;  // the interface, with its default arguments
    DirectoryCredentials credentials{accounts};
    protocols::imap::ServerConfig config;
};

struct Client {
    explicit Client(StoreFixture& fixture, bool login = true)
        : session(fixture.config, fixture.credentials, &fixture.store) {
        session.start();
        session.take_output();
        if (login) say("L LOGIN alice pw\r\n");
    }
    std::string say(std::string_view bytes) {
        session.receive(bytes);
        return session.take_output();
    }
    std::string output() { return session.take_output(); }

    protocols::imap::ServerSession session;
};

inline bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

inline std::string simple_message(std::string_view subject, std::string_view body = "Hello\r\n") {
    return "From: bob@example.org\r\nTo: alice@example.org\r\nSubject: " + std::string{subject} +
           "\r\nDate: Tue, 14 Nov 2023 10:00:00 +0000\r\n\r\n" + std::string{body};
}

}  // namespace maillab::test
