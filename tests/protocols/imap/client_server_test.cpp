// The IMAP client against the IMAP server engine, linked by EnginePair over a
// MemoryStore: two devices (laptop, phone) on one account, the laptop going
// offline and catching up (RFC 4549, RFC 7162).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "protocols/core/engine_pair.hpp"
#include "protocols/imap/client_session.hpp"
#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols::imap;
using maillab::protocols::core::EnginePair;
using maillab::test::simple_message;
using maillab::test::StoreFixture;

namespace {

ClientTask make_task(TaskKind kind, std::string subject = {}, std::string target = {}) {
    ClientTask t;
    t.kind = kind;
    t.subject = std::move(subject);
    t.target = std::move(target);
    return t;
}

struct Connection {
    // One connection of a device: a client session over the device's cache
    // against a fresh server session on the shared store.
    Connection(StoreFixture& f, ClientCache& cache, std::string device,
               std::vector<ClientTask> tasks)
        : client(
              [&] {
                  ClientJob job;
                  job.user = "alice";
                  job.password = "pw";
                  job.device = std::move(device);
                  job.tasks = std::move(tasks);
                  return job;
              }(),
              cache),
          server(f.config, f.credentials, &f.store),
          pair(client, server) {
        pair.start();
        pair.pump();
    }
    ClientSession client;
    ServerSession server;
    EnginePair pair;
};

std::vector<std::string> subjects(const MailboxCache& box) {
    std::vector<std::string> out;
    for (const auto& [uid, m] : box.messages)
        out.push_back(m.subject);
    return out;
}

}  // namespace

TEST_CASE("client and server: two devices, one offline, catching up", "[imap][client][pair]") {
    StoreFixture f;
    f.config.starttls_available = false;
    for (const char* s : {"Lunch on Friday?", "Invoice", "Party"})
        f.deliver("INBOX", simple_message(s));

    ClientCache laptop;
    {
        Connection c{f,
                     laptop,
                     "laptop",
                     {make_task(TaskKind::Sync), make_task(TaskKind::Create, {}, "Archive")}};
        INFO(c.pair.client_to_server());
        INFO(c.pair.server_to_client());
        REQUIRE(c.client.closed());
        CHECK(c.client.report().completed);
        CHECK(c.client.report().error.empty());
        CHECK(c.client.take_changes().size() == 3);
    }
    REQUIRE(laptop.mailboxes["INBOX"].messages.size() == 3);
    CHECK(subjects(laptop.mailboxes["INBOX"]) ==
          std::vector<std::string>{"Lunch on Friday?", "Invoice", "Party"});
    CHECK(laptop.mailboxes["INBOX"].highest_modseq > 0);
    CHECK(std::find(laptop.folders.begin(), laptop.folders.end(), "Archive") !=
          laptop.folders.end());

    // The phone reads one message and deletes another.
    ClientCache phone;
    {
        Connection c{f,
                     phone,
                     "phone",
                     {make_task(TaskKind::Read, "Invoice"), make_task(TaskKind::Delete, "Party"),
                      make_task(TaskKind::Expunge)}};
        INFO(c.pair.client_to_server());
        INFO(c.pair.server_to_client());
        CHECK(c.client.report().completed);
    }
    CHECK(subjects(phone.mailboxes["INBOX"]) ==
          std::vector<std::string>{"Lunch on Friday?", "Invoice"});

    // The laptop, offline, flags one message and moves the other to Archive.
    ClientTask flag = make_task(TaskKind::SetFlags, "Lunch on Friday?");
    flag.flags = {"\\Flagged"};
    CHECK(apply_offline(laptop, flag).size() == 1);
    CHECK(apply_offline(laptop, make_task(TaskKind::Move, "Invoice", "Archive")).size() == 1);
    REQUIRE(laptop.pending.size() == 2);
    f.deliver("INBOX", simple_message("New mail"));

    {
        ClientTask archive = make_task(TaskKind::Sync);
        archive.mailbox = "Archive";
        Connection c{f, laptop, "laptop", {make_task(TaskKind::Sync), archive}};
        INFO(c.pair.client_to_server());
        INFO(c.pair.server_to_client());
        CHECK(c.client.report().completed);
        CHECK(c.client.report().replayed == 2);
        CHECK(c.client.report().dropped == 0);
        CHECK(c.pair.client_to_server().find("(QRESYNC (") != std::string::npos);
    }
    CHECK(laptop.pending.empty());
    const MailboxCache& inbox = laptop.mailboxes["INBOX"];
    CHECK(subjects(inbox) == std::vector<std::string>{"Lunch on Friday?", "New mail"});
    CHECK(has_flag(inbox.messages.begin()->second.flags, "\\Flagged"));
    CHECK(subjects(laptop.mailboxes["Archive"]) == std::vector<std::string>{"Invoice"});
    CHECK(has_flag(laptop.mailboxes["Archive"].messages.begin()->second.flags, "\\Seen"));

    // The server agrees.
    const auto on_server = f.mail.messages("alice", "INBOX").value();
    CHECK(on_server.size() == 2);
    CHECK(f.mail.messages("alice", "Archive").value().size() == 1);

    // The phone catches up too: the laptop's flag and move reach it.
    {
        Connection c{f, phone, "phone", {make_task(TaskKind::Sync)}};
        CHECK(c.client.report().completed);
    }
    CHECK(subjects(phone.mailboxes["INBOX"]) ==
          std::vector<std::string>{"Lunch on Friday?", "New mail"});
    CHECK(has_flag(phone.mailboxes["INBOX"].messages.begin()->second.flags, "\\Flagged"));
}

TEST_CASE("client and server: the laptop idles, the phone's changes and new mail are pushed",
          "[imap][client][pair][idle]") {
    StoreFixture f;
    f.config.starttls_available = false;
    for (const char* s : {"Lunch on Friday?", "Invoice"})
        f.deliver("INBOX", simple_message(s));

    ClientCache laptop;
    Connection idle{f, laptop, "laptop", {make_task(TaskKind::Idle)}};
    INFO(idle.pair.client_to_server());
    INFO(idle.pair.server_to_client());
    REQUIRE(idle.client.idling());
    CHECK(subjects(laptop.mailboxes["INBOX"]) ==
          std::vector<std::string>{"Lunch on Friday?", "Invoice"});
    idle.client.take_changes();

    // The phone reads one message and deletes the other, on a connection of its own.
    ClientCache phone;
    {
        Connection c{f,
                     phone,
                     "phone",
                     {make_task(TaskKind::Read, "Lunch on Friday?"),
                      make_task(TaskKind::Delete, "Invoice"), make_task(TaskKind::Expunge)}};
        CHECK(c.client.report().completed);
    }
    idle.pair.pump();
    CHECK(idle.client.idling());  // flag changes and expunges need no DONE
    CHECK(subjects(laptop.mailboxes["INBOX"]) == std::vector<std::string>{"Lunch on Friday?"});
    CHECK(has_flag(laptop.mailboxes["INBOX"].messages.begin()->second.flags, "\\Seen"));

    // New mail: the laptop leaves IDLE, fetches it, and idles again.
    f.deliver("INBOX", simple_message("Dinner tonight?"));
    idle.pair.pump();
    CHECK(idle.client.idling());
    CHECK(subjects(laptop.mailboxes["INBOX"]) ==
          std::vector<std::string>{"Lunch on Friday?", "Dinner tonight?"});
    CHECK(idle.pair.client_to_server().find("DONE\r\n") != std::string::npos);

    // \Seen on Lunch, \Deleted on Invoice, Invoice removed, Dinner added.
    const auto changes = idle.client.take_changes();
    REQUIRE(changes.size() == 4);
    CHECK(changes[0].kind == CacheChange::Kind::FlagsChanged);
    CHECK(changes[1].kind == CacheChange::Kind::FlagsChanged);
    CHECK(changes[2].kind == CacheChange::Kind::Removed);
    CHECK(changes[3].kind == CacheChange::Kind::Added);
    CHECK(changes[3].subject == "Dinner tonight?");

    // The user closes the laptop's mail window: DONE, LOGOUT.
    idle.client.stop_idle();
    idle.pair.pump();
    CHECK(idle.client.closed());
    CHECK(idle.client.report().completed);
}
