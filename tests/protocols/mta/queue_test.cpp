#include "protocols/mta/queue.hpp"

#include <catch2/catch.hpp>

#include "mta_test_support.hpp"

using namespace maillab::test::mta;

TEST_CASE("queue ids are a deterministic counter") {
    Queue first;
    Queue second;
    for (QueueId expected = 1; expected <= 3; ++expected) {
        const auto a = first.enqueue(envelope("a@example.org", {rcpt("b@example.net")}), 0);
        const auto b = second.enqueue(envelope("x@example.com", {rcpt("y@example.com")}), 99);
        REQUIRE(a.id == expected);
        REQUIRE(b.id == expected);
    }
    const auto queued = first.enqueue(envelope("a@example.org", {rcpt("b@example.net")}), 5);
    REQUIRE(queued.ok());
    REQUIRE(queued.changes.size() == 1);
    REQUIRE(queued.changes[0].kind == ChangeKind::Queued);
    REQUIRE(queued.changes[0].id == 4);
    REQUIRE(queued.changes[0].recipient == "b@example.net");
    REQUIRE(first.find(4)->envelope.arrival == 5);
}

TEST_CASE("due() gives one delivery per (entry, domain) and keeps it in flight") {
    Queue queue;
    const QueueId id = add(
        queue,
        envelope("alice@example.org",
                 {rcpt("bob@example.net"), rcpt("carol@Example.NET"), rcpt("dave@example.com")}),
        0);
    auto due = queue.due(0);
    REQUIRE(due.deliveries.size() == 2);
    REQUIRE(due.deliveries[0].domain == "example.com");
    REQUIRE(due.deliveries[0].recipients == std::vector<std::string>{"dave@example.com"});
    REQUIRE(due.deliveries[1].domain == "example.net");
    REQUIRE(due.deliveries[1].recipients ==
            std::vector<std::string>{"bob@example.net", "carol@Example.NET"});
    REQUIRE(due.deliveries[1].sender == "alice@example.org");
    REQUIRE(of_kind(due.changes, ChangeKind::Attempt).size() == 2);
    REQUIRE(queue.find(id)->first_attempt == 0);

    REQUIRE(queue.due(0).deliveries.empty());  // in flight: not handed out twice
    REQUIRE_FALSE(queue.next_wakeup());

    queue.record_result(id, "example.com", results({{"dave@example.com", "250 2.0.0 ok"}}), 1);
    REQUIRE(queue.due(1).deliveries.empty());  // example.net is still in flight
}

TEST_CASE("mixed results: one delivered, one bounced, one deferred") {
    Queue queue;
    const QueueId id = add(
        queue,
        envelope("alice@example.org",
                 {rcpt("bob@example.net"), rcpt("carol@example.net"), rcpt("dave@example.net")}),
        0);
    queue.due(0);
    const auto changes =
        queue.record_result(id, "EXAMPLE.net",
                            results({{"bob@example.net", "250 2.1.5 ok"},
                                     {"carol@example.net", "550 5.1.1 no such user"},
                                     {"dave@example.net", "452 4.2.2 mailbox full"}}),
                            10);
    REQUIRE(of_kind(changes, ChangeKind::Delivered).at(0).recipient == "bob@example.net");
    REQUIRE(of_kind(changes, ChangeKind::Bounced).at(0).recipient == "carol@example.net");
    const auto deferred = of_kind(changes, ChangeKind::Deferred);
    REQUIRE(deferred.at(0).recipient == "dave@example.net");
    REQUIRE(deferred.at(0).next_retry == 10 + kMicrosPerMinute);

    const auto& rs = queue.find(id)->envelope.recipients;
    REQUIRE(rs[0].state == RecipientState::Delivered);
    REQUIRE(rs[1].state == RecipientState::Bounced);
    REQUIRE(rs[1].status == "5.1.1");
    REQUIRE(rs[1].remote_mta == "mx.example.net");
    REQUIRE(rs[2].state == RecipientState::Deferred);
    REQUIRE(rs[2].reply.to_string() == "452 4.2.2 mailbox full");

    // Only the deferred recipient is tried again (besides carol's bounce, a new entry).
    const auto again = queue.due(10 + kMicrosPerMinute);
    REQUIRE(again.deliveries.size() == 2);
    REQUIRE(again.deliveries[0].id == id);
    REQUIRE(again.deliveries[0].recipients == std::vector<std::string>{"dave@example.net"});
    REQUIRE(again.deliveries[1].sender.empty());
    queue.record_result(id, "example.net", results({{"dave@example.net", "250 ok"}}),
                        10 + kMicrosPerMinute);
    REQUIRE(queue.find(id) == nullptr);
}

TEST_CASE("a connection failure defers every recipient of that domain") {
    Queue queue;
    const QueueId id =
        add(queue,
            envelope("alice@example.org", {rcpt("bob@example.net"), rcpt("carol@example.net")}), 0);
    queue.due(0);
    const auto changes = queue.record_result(id, "example.net", connection_failure(), 0);
    const auto deferred = of_kind(changes, ChangeKind::Deferred);
    REQUIRE(deferred.size() == 2);
    REQUIRE(deferred[0].reply.enhanced == "4.4.1");
    REQUIRE(deferred[0].why.reference == "RFC 5321 §4.5.4.1");
    REQUIRE(deferred[0].why.meaning.find("could be reached") != std::string::npos);
}

TEST_CASE("a recipient missing from the results is deferred, not lost") {
    Queue queue;
    const QueueId id =
        add(queue,
            envelope("alice@example.org", {rcpt("bob@example.net"), rcpt("carol@example.net")}), 0);
    queue.due(0);
    const auto changes =
        queue.record_result(id, "example.net", results({{"bob@example.net", "250 ok"}}), 0);
    const auto deferred = of_kind(changes, ChangeKind::Deferred);
    REQUIRE(deferred.size() == 1);
    REQUIRE(deferred[0].recipient == "carol@example.net");
    REQUIRE(deferred[0].reply.transient());
}

TEST_CASE("results for something not in flight change nothing") {
    Queue queue;
    const QueueId id = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    REQUIRE(queue.record_result(id, "example.net", connection_failure(), 0).empty());
    queue.due(0);
    REQUIRE(queue.record_result(id, "example.com", connection_failure(), 0).empty());
    REQUIRE(queue.record_result(999, "example.net", connection_failure(), 0).empty());
    REQUIRE(queue.find(id)->envelope.recipients[0].state == RecipientState::Pending);
}

TEST_CASE("ETRN flush makes a domain's deferred recipients due now") {
    Queue queue;
    const QueueId a = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    const QueueId b = add(queue, envelope("alice@example.org", {rcpt("eve@example.com")}), 0);
    queue.due(0);
    queue.record_result(a, "example.net", connection_failure(), 0);
    queue.record_result(b, "example.com", connection_failure(), 0);
    REQUIRE(queue.due(1000).deliveries.empty());

    REQUIRE(queue.flush("Example.NET", 1000) == 1);
    const auto due = queue.due(1000);
    REQUIRE(due.deliveries.size() == 1);
    REQUIRE(due.deliveries[0].id == a);
    REQUIRE(queue.flush("example.net", 1000) == 0);  // already in flight
    REQUIRE(queue.flush("nowhere.test", 1000) == 0);
}

TEST_CASE("a whole-domain 5xx (null MX) bounces every recipient of the domain") {
    Queue queue;
    const QueueId id = add(
        queue, envelope("alice@example.org", {rcpt("a@nomail.test"), rcpt("b@nomail.test")}), 0);
    queue.due(0);
    DeliveryResult result;
    result.whole_domain = reply("556 5.1.10 recipient domain has a null MX");
    const auto changes = queue.record_result(id, "nomail.test", result, 0);
    REQUIRE(of_kind(changes, ChangeKind::Bounced).size() == 2);
    REQUIRE(of_kind(changes, ChangeKind::DsnGenerated).size() == 1);  // one DSN for both
    REQUIRE(queue.find(id) == nullptr);
}

TEST_CASE("DSNs are queued as messages from <> to the sender") {
    QueueConfig config;
    config.hostname = "mail.example.org";
    Queue queue{config};
    const QueueId id = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    queue.due(0);
    const auto changes = queue.record_result(
        id, "example.net", results({{"bob@example.net", "550 5.1.1 no such user"}}), 7);
    const auto dsn_change = of_kind(changes, ChangeKind::DsnGenerated).at(0);
    REQUIRE(dsn_change.id == id);
    REQUIRE(dsn_change.recipient == "alice@example.org");
    REQUIRE(dsn_change.dsn_id == 2);
    const auto queued = of_kind(changes, ChangeKind::Queued);
    REQUIRE(queued.at(0).id == 2);

    const Envelope& dsn = queue.find(2)->envelope;
    REQUIRE(dsn.sender.empty());
    REQUIRE(dsn.recipients.size() == 1);
    REQUIRE(dsn.recipients[0].address == "alice@example.org");
    REQUIRE(dsn.arrival == 7);

    // The DSN itself bounces: no DSN about a DSN.
    const auto due = queue.due(7);
    REQUIRE(due.deliveries.at(0).id == 2);
    const auto bounce_of_bounce = queue.record_result(
        2, "example.org", results({{"alice@example.org", "550 5.1.1 gone"}}), 8);
    REQUIRE(of_kind(bounce_of_bounce, ChangeKind::Bounced).size() == 1);
    REQUIRE(of_kind(bounce_of_bounce, ChangeKind::DsnGenerated).empty());
    REQUIRE(queue.size() == 0);
}

TEST_CASE("NOTIFY decides which notices are sent") {
    Queue queue;
    const QueueId id = add(queue,
                           envelope("alice@example.org",
                                    {rcpt("never@example.net", "NEVER"),
                                     rcpt("ok@example.net", "SUCCESS"), rcpt("plain@example.net")}),
                           0);
    queue.due(0);
    const auto changes = queue.record_result(id, "example.net",
                                             results({{"never@example.net", "550 5.1.1 no"},
                                                      {"ok@example.net", "250 2.0.0 stored"},
                                                      {"plain@example.net", "250 2.0.0 stored"}},
                                                     Handoff::FinalDelivery),
                                             0);
    // never@: no failure notice; ok@: a success notice; plain@: nothing for success.
    const auto dsns = of_kind(changes, ChangeKind::DsnGenerated);
    REQUIRE(dsns.size() == 1);
    const auto groups =
        status_groups(parse_dsn(queue.find(dsns[0].dsn_id)->envelope.message).parts[1].body);
    REQUIRE(groups.size() == 2);
    REQUIRE(groups[1].at("Final-Recipient") == "rfc822; ok@example.net");
    REQUIRE(groups[1].at("Action") == "delivered");
}

TEST_CASE("success notices depend on who takes over (RFC 3461 §6.2)") {
    const auto success_actions = [](Handoff handoff) {
        Queue queue;
        const QueueId id =
            add(queue, envelope("alice@example.org", {rcpt("ok@example.net", "SUCCESS")}), 0);
        queue.due(0);
        std::vector<std::string> actions;
        const auto changes = queue.record_result(
            id, "example.net", results({{"ok@example.net", "250 ok"}}, handoff), 0);
        for (const auto& c : of_kind(changes, ChangeKind::DsnGenerated)) {
            const auto groups =
                status_groups(parse_dsn(queue.find(c.dsn_id)->envelope.message).parts[1].body);
            actions.push_back(groups.at(1).at("Action"));
        }
        return actions;
    };
    REQUIRE(success_actions(Handoff::FinalDelivery) == std::vector<std::string>{"delivered"});
    REQUIRE(success_actions(Handoff::RelayedWithoutDsn) == std::vector<std::string>{"relayed"});
    REQUIRE(success_actions(Handoff::RelayedToDsnServer).empty());
}
