// Scripted-server helpers for the IMAP client tests: the test plays the
// server byte for byte and checks what the client sends back.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "protocols/imap/client_session.hpp"

namespace maillab::test::imap_client {

using namespace maillab::protocols::imap;

inline constexpr std::string_view kCaps =
    "IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN ENABLE UIDPLUS MOVE CONDSTORE QRESYNC";
inline constexpr std::string_view kSaslPlain = "AHVzZXIAcGFzcw==";  // "\0user\0pass"

struct Client {
    explicit Client(ClientJob job, ClientCache initial = {})
        : cache(std::move(initial)), session(std::move(job), cache) {
        session.start();
    }
    // The server sends `bytes`; returns what the client sends back.
    std::string say(std::string_view bytes) {
        session.receive(bytes);
        return session.take_output();
    }
    bool noted(std::string_view text) {
        for (const auto& e : session.take_events()) {
            if (e.kind == maillab::protocols::core::EventKind::Note &&
                e.text.find(text) != std::string::npos)
                return true;
        }
        return false;
    }

    ClientCache cache;
    ClientSession session;
};

inline ClientJob job(std::vector<ClientTask> tasks = {}) {
    ClientJob j;
    j.user = "user";
    j.password = "pass";
    j.device = "laptop";
    j.tasks = std::move(tasks);
    return j;
}

inline ClientTask task(TaskKind kind, std::string subject = {}, std::string target = {}) {
    ClientTask t;
    t.kind = kind;
    t.subject = std::move(subject);
    t.target = std::move(target);
    return t;
}

inline std::string message(std::string_view subject) {
    return "Subject: " + std::string{subject} + "\r\nFrom: bob@example.org\r\n\r\nHello\r\n";
}

inline std::string fetch(int seq, int uid, std::string_view flags, int modseq,
                         const std::string& body) {
    return "* " + std::to_string(seq) + " FETCH (UID " + std::to_string(uid) + " FLAGS (" +
           std::string{flags} + ") MODSEQ (" + std::to_string(modseq) + ") BODY[] {" +
           std::to_string(body.size()) + "}\r\n" + body + ")\r\n";
}

inline CachedMessage cached(std::uint32_t uid, std::string subject,
                            std::vector<std::string> flags = {}) {
    return CachedMessage{uid, std::move(flags), 1, subject, message(subject)};
}

// INBOX synced at UIDVALIDITY 42, UIDNEXT 6, HIGHESTMODSEQ 9 with uids 3, 4, 5;
// Archive (UIDVALIDITY 50, UIDNEXT 2) empty.
inline ClientCache synced_cache() {
    ClientCache c;
    MailboxCache& inbox = c.mailboxes["INBOX"];
    inbox.uidvalidity = 42;
    inbox.uidnext = 6;
    inbox.highest_modseq = 9;
    inbox.messages[3] = cached(3, "Lunch on Friday?");
    inbox.messages[4] = cached(4, "Invoice", {"\\Seen"});
    inbox.messages[5] = cached(5, "Party");
    MailboxCache& archive = c.mailboxes["Archive"];
    archive.uidvalidity = 50;
    archive.uidnext = 2;
    archive.highest_modseq = 1;
    c.folders = {"INBOX", "Archive"};
    return c;
}

inline const char* kListReply =
    "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren) \"/\" Archive\r\n"
    "A3 OK List completed\r\n";

// Greeting, AUTHENTICATE PLAIN, ENABLE QRESYNC, LIST (tags A1..A3) against a
// server with kCaps; returns the client's first command after LIST (tag A4).
inline std::string log_in(Client& c, std::string_view caps = kCaps) {
    const std::string capability = "[CAPABILITY " + std::string{caps} + "]";
    std::string out = c.say("* OK " + capability + " ready\r\n");
    if (out != "A1 AUTHENTICATE PLAIN " + std::string{kSaslPlain} + "\r\n") return "login: " + out;
    out = c.say("A1 OK " + capability + " Logged in\r\n");
    if (out != "A2 ENABLE QRESYNC\r\n") return "enable: " + out;
    out = c.say("* ENABLED QRESYNC\r\nA2 OK Enabled\r\n");
    if (out != "A3 LIST \"\" \"*\"\r\n") return "list: " + out;
    return c.say(kListReply);
}

// The SELECT reply of a mailbox unchanged since synced_cache().
inline std::string unchanged_select(std::string_view tag) {
    return "* 3 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 6] next\r\n"
           "* OK [HIGHESTMODSEQ 9] Highest\r\n" +
           std::string{tag} + " OK [READ-WRITE] Select completed\r\n";
}

}  // namespace maillab::test::imap_client
