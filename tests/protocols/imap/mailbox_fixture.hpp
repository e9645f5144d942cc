// Test fixture for SORT, THREAD and WITHIN: a logged-in session over a
// MemoryStore whose INBOX gets messages with chosen internal dates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tests/protocols/imap/server_fixture.hpp"

namespace maillab::test {

// 22-Feb-2008 21:00:00 +0000, the day of imaptest's sort and thread mailboxes.
inline constexpr std::int64_t kFeb22 = 1203714000;

struct MailboxFixture {
    // Adds a message to INBOX with this INTERNALDATE.
    void add(std::string_view bytes, std::int64_t internal_date = kFeb22) {
        (void)f.mail.append("alice", "INBOX", bytes, {}, internal_date).value();
    }
    std::string select() { return c.say("s SELECT INBOX\r\n"); }
    std::string say(std::string_view bytes) { return c.say(bytes); }

    StoreFixture f;
    Client c{f};
};

// A message of header lines (each "Name: value") and a body.
inline std::string message(std::string_view header, std::string_view body = "body\r\n") {
    std::string out{header};
    if (!out.empty()) out += "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

}  // namespace maillab::test
