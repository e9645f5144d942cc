#include "sim/world/world.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "protocols/tls/deterministic_random.hpp"
#include "sim/export/transcript.hpp"
#include "sim/state/world_state.hpp"
#include "sim/trace/jsonl_export.hpp"

using namespace maillab::sim;

namespace {

// Two domains, each with its server; alice's laptop and bob's phone.
struct TwoDomains {
    World world{WorldConfig{.seed = 3}};
    MailServer& here = world.add_server({.name = "mail.maillab.test",
                                         .address = "10.0.0.10",
                                         .domains = {"maillab.test"},
                                         .accounts = {{"alice", "wonderland", {}}}});
    MailServer& there = world.add_server({.name = "mx.elsewhere.test",
                                          .address = "10.0.0.20",
                                          .domains = {"elsewhere.test"},
                                          .accounts = {{"bob", "builder", {}}}});
    Device& laptop = world.add_device({.name = "laptop", .address = "10.0.1.2"});
    Device& phone = world.add_device({.name = "phone", .address = "10.0.1.3", .kind = "phone"});

    SendJob mail_to_bob(std::string subject) {
        return {.server = "mail.maillab.test",
                .user = "alice",
                .password = "wonderland",
                .from = "alice@maillab.test",
                .to = {"bob@elsewhere.test"},
                .subject = std::move(subject),
                .body = "Hello Bob!\n"};
    }

    WorldState state() {
        WorldState w;
        for (const auto& e : world.trace().events())
            w.apply(world.trace(), e);
        return w;
    }
};

}  // namespace

TEST_CASE("a message submitted on 587 is relayed by MX to the other domain and read with POP3") {
    maillab::protocols::tls::DeterministicRandom random{3};
    TwoDomains t;
    JobResult sent;
    t.laptop.send(t.mail_to_bob("Lunch?"), [&](const JobResult& r) { sent = r; });
    t.world.run_until_idle();
    INFO(sent.summary);
    REQUIRE(sent.ok);
    WorldState s = t.state();
    const HostId there = t.there.host();
    REQUIRE(s.mailbox_size(there, "bob/INBOX") == 1);
    REQUIRE(s.queue_size(t.here.host()) == 0);

    // The message carries the trail: Return-Path and two Received headers.
    const auto stored = t.there.store().messages("bob", "INBOX");
    REQUIRE(stored);
    const auto bytes = t.there.store().read_message("bob", "INBOX", stored.value()[0].uid);
    REQUIRE(bytes);
    REQUIRE(bytes.value().rfind("Return-Path: <alice@maillab.test>\r\n", 0) == 0);
    std::size_t received = 0;
    for (std::size_t p = 0; (p = bytes.value().find("Received: ", p)) != std::string::npos; ++p) {
        ++received;
    }
    REQUIRE(received == 2);

    JobResult checked;
    t.phone.pop3_check({.server = "mx.elsewhere.test", .user = "bob", .password = "builder"},
                       [&](const JobResult& r) { checked = r; });
    t.world.run_until_idle();
    INFO(checked.summary);
    REQUIRE(checked.ok);
    s = t.state();
    REQUIRE(s.device_size(t.phone.host()) == 1);
    REQUIRE(t.world.trace().text(s.devices.at(t.phone.host())[0].subject) == "Lunch?");
    // POP3 downloaded and deleted: the server's mailbox is empty now.
    REQUIRE(s.mailbox_size(there, "bob/INBOX") == 0);
}

TEST_CASE("while the recipient's server is down the message waits in the queue") {
    maillab::protocols::tls::DeterministicRandom random{4};
    TwoDomains t;
    t.there.set_up(false);
    t.laptop.send(t.mail_to_bob("Are you there?"));
    t.world.run_for(30LL * 60 * 1'000'000);  // half an hour
    WorldState s = t.state();
    REQUIRE(s.queue_size(t.here.host()) == 1);
    REQUIRE(s.queues.at(t.here.host()).begin()->second.attempts >= 2);
    // The queue says why: the server never answered the SYN, so the connection timed out.
    CHECK(s.queues.at(t.here.host()).begin()->second.last_reply ==
          "421 4.4.1 connection failed: connection timed out");

    t.there.set_up(true);
    t.world.run_for(2LL * 3600 * 1'000'000);
    s = t.state();
    REQUIRE(s.queue_size(t.here.host()) == 0);
    REQUIRE(s.mailbox_size(t.there.host(), "bob/INBOX") == 1);
}

TEST_CASE("an unknown recipient is refused at RCPT and the sender gets a bounce") {
    maillab::protocols::tls::DeterministicRandom random{5};
    TwoDomains t;
    auto job = t.mail_to_bob("Hello stranger");
    job.to = {"nobody@elsewhere.test"};
    t.laptop.send(job);
    t.world.run_until_idle();
    const WorldState s = t.state();
    REQUIRE(s.mailbox_size(t.there.host(), "nobody/INBOX") == 0);
    // The DSN comes back to alice's own mailbox.
    REQUIRE(s.mailbox_size(t.here.host(), "alice/INBOX") == 1);
}

TEST_CASE("a message for a full mailbox is refused with 552 5.2.2 and bounces to the sender") {
    maillab::protocols::tls::DeterministicRandom random{6};
    TwoDomains t;
    REQUIRE(t.there.store().append("bob", "INBOX", "Subject: first\r\n\r\nhi\r\n", {}, 0).ok());
    REQUIRE(t.there.accounts().set_quota("bob", {.messages = 1}).ok());
    t.laptop.send(t.mail_to_bob("One too many"));
    t.world.run_until_idle();
    CHECK(t.there.store().messages("bob", "INBOX").value().size() == 1);
    bool refused = false;
    for (const auto& e : t.world.trace().events())
        refused = refused || t.world.trace().payload(e).starts_with("552 5.2.2");
    CHECK(refused);
    CHECK(t.state().mailbox_size(t.here.host(), "alice/INBOX") == 1);  // the DSN

    // Without limits nothing is counted and the message is taken.
    REQUIRE(t.there.accounts().set_quota("bob", {}).ok());
    t.laptop.send(t.mail_to_bob("Room again"));
    t.world.run_until_idle();
    CHECK(t.there.store().messages("bob", "INBOX").value().size() == 2);
}

TEST_CASE("the same seed gives a byte-identical trace, TLS included") {
    auto run = [] {
        maillab::protocols::tls::DeterministicRandom random{9};
        TwoDomains t;
        t.laptop.send(t.mail_to_bob("Determinism"));
        t.world.run_until_idle();
        std::ostringstream out;
        write_jsonl(t.world.trace(), out);
        return out.str();
    };
    const std::string first = run();
    REQUIRE(first.size() > 10000);
    REQUIRE(run() == first);
}

TEST_CASE("the transcript of a relay fits 80 columns") {
    maillab::protocols::tls::DeterministicRandom random{6};
    TwoDomains t;
    t.laptop.send(t.mail_to_bob("Width"));
    t.world.run_until_idle();
    std::ostringstream out;
    write_transcript(t.world.trace(), out);
    REQUIRE(out.str().find("MAIL FROM:<alice@maillab.test>") != std::string::npos);
    REQUIRE(out.str().find("query MX elsewhere.test") != std::string::npos);
}
