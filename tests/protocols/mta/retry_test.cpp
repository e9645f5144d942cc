#include "protocols/mta/retry_schedule.hpp"

#include <catch2/catch.hpp>

#include "mta_test_support.hpp"

using namespace maillab::test::mta;

TEST_CASE("the default schedule is 1, 5, 15, 30 minutes, then hourly") {
    const RetrySchedule schedule;
    REQUIRE(schedule.delay_after(1) == 1 * kMicrosPerMinute);
    REQUIRE(schedule.delay_after(2) == 5 * kMicrosPerMinute);
    REQUIRE(schedule.delay_after(3) == 15 * kMicrosPerMinute);
    REQUIRE(schedule.delay_after(4) == 30 * kMicrosPerMinute);
    REQUIRE(schedule.delay_after(5) == kMicrosPerHour);
    REQUIRE(schedule.delay_after(50) == kMicrosPerHour);
    REQUIRE(schedule.lifetime == 5 * 24 * kMicrosPerHour);
    REQUIRE(schedule.expired(0, schedule.lifetime));
    REQUIRE_FALSE(schedule.expired(0, schedule.lifetime - 1));
}

TEST_CASE("4xx defers along the schedule in virtual time") {
    Queue queue;
    const QueueId id = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    const std::vector<VirtualTime> expected_waits{kDefaultRetryDelays.begin(),
                                                  kDefaultRetryDelays.end()};
    VirtualTime now = 0;
    for (std::size_t attempt = 1; attempt <= expected_waits.size() + 1; ++attempt) {
        auto due = queue.due(now);
        REQUIRE(due.deliveries.size() == 1);
        REQUIRE(due.deliveries[0].attempt == static_cast<int>(attempt));
        const auto changes = queue.record_result(
            id, "example.net", results({{"bob@example.net", "451 4.7.1 greylisted"}}), now);
        const auto deferred = of_kind(changes, ChangeKind::Deferred);
        REQUIRE(deferred.size() == 1);
        REQUIRE(deferred[0].reply.to_string() == "451 4.7.1 greylisted");
        REQUIRE(deferred[0].why.reference == "RFC 5321 §4.2.1");
        const VirtualTime wait = expected_waits[std::min(attempt, expected_waits.size()) - 1];
        REQUIRE(deferred[0].next_retry == now + wait);
        REQUIRE(queue.next_wakeup() == now + wait);
        REQUIRE(queue.due(now + wait - 1).deliveries.empty());  // not a moment early
        now += wait;
    }
    const Recipient& r = queue.find(id)->envelope.recipients[0];
    REQUIRE(r.state == RecipientState::Deferred);
    REQUIRE(r.status == "4.7.1");
    REQUIRE(r.attempts == static_cast<int>(expected_waits.size()) + 1);
}

TEST_CASE("5xx bounces that recipient at once") {
    Queue queue;
    const QueueId id = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    queue.due(0);
    const auto changes = queue.record_result(
        id, "example.net", results({{"bob@example.net", "550 5.1.1 no such user"}}), 0);
    const auto bounced = of_kind(changes, ChangeKind::Bounced);
    REQUIRE(bounced.size() == 1);
    REQUIRE(bounced[0].recipient == "bob@example.net");
    REQUIRE(bounced[0].why.reference == "RFC 5321 §4.2.1");
    REQUIRE(queue.find(id) == nullptr);  // nothing left to do for it
    REQUIRE(of_kind(changes, ChangeKind::DsnGenerated).size() == 1);
}

TEST_CASE("after the queue lifetime a waiting recipient bounces with 4.4.7") {
    QueueConfig config;
    config.schedule.lifetime = 2 * kMicrosPerHour;  // a lesson's short lifetime
    config.hostname = "mail.example.org";
    Queue queue{config};
    const QueueId id = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    VirtualTime now = 0;
    while (true) {
        auto due = queue.due(now);
        REQUIRE(due.deliveries.size() == 1);
        queue.record_result(id, "example.net", connection_failure(), now);
        const VirtualTime next = *queue.next_wakeup();
        if (next >= 2 * kMicrosPerHour) break;
        now = next;
    }
    REQUIRE(queue.next_wakeup() == 2 * kMicrosPerHour);  // retries stop at the lifetime

    REQUIRE(queue.expire(2 * kMicrosPerHour - 1).empty());
    const auto changes = queue.expire(2 * kMicrosPerHour);
    const auto bounced = of_kind(changes, ChangeKind::Bounced);
    REQUIRE(bounced.size() == 1);
    REQUIRE(bounced[0].note == "delivery time expired");
    REQUIRE(queue.find(id) == nullptr);

    const auto dsn_changes = of_kind(changes, ChangeKind::DsnGenerated);
    REQUIRE(dsn_changes.size() == 1);
    const QueueEntry* dsn = queue.find(dsn_changes[0].dsn_id);
    REQUIRE(dsn != nullptr);
    const auto parsed = parse_dsn(dsn->envelope.message);
    REQUIRE(parsed.parts.size() == 3);
    const auto groups = status_groups(parsed.parts[1].body);
    REQUIRE(groups.size() == 2);
    REQUIRE(groups[1].at("Action") == "failed");
    REQUIRE(groups[1].at("Status") == "4.4.7");
    REQUIRE(groups[1].at("Diagnostic-Code") == "smtp; 421 4.4.1 connection timed out");
}

TEST_CASE("a failure after the lifetime bounces instead of deferring again") {
    QueueConfig config;
    config.schedule.lifetime = kMicrosPerHour;
    Queue queue{config};
    const QueueId id = add(queue, envelope("alice@example.org", {rcpt("bob@example.net")}), 0);
    queue.due(kMicrosPerHour);  // the simulator was late; no expire() in between
    const auto changes = queue.record_result(
        id, "example.net", results({{"bob@example.net", "452 4.2.2 mailbox full"}}),
        kMicrosPerHour);
    REQUIRE(of_kind(changes, ChangeKind::Deferred).empty());
    const auto bounced = of_kind(changes, ChangeKind::Bounced);
    REQUIRE(bounced.size() == 1);
    REQUIRE(bounced[0].note == "delivery time expired");
    REQUIRE(bounced[0].why.reference == "RFC 5321 §4.5.4.1");
}

TEST_CASE("a delay warning goes to NOTIFY=DELAY recipients once") {
    QueueConfig config;
    config.schedule.delay_warning_after = 10 * kMicrosPerMinute;
    Queue queue{config};
    const QueueId id = add(queue,
                           envelope("alice@example.org", {rcpt("bob@example.net", "DELAY,FAILURE"),
                                                          rcpt("carol@example.net")}),
                           0);
    int warnings = 0;
    VirtualTime now = 0;
    for (int i = 0; i < 6; ++i) {
        queue.due(now);
        const auto changes = queue.record_result(id, "example.net", connection_failure(), now);
        for (const auto& c : of_kind(changes, ChangeKind::DsnGenerated)) {
            ++warnings;
            REQUIRE(now >= 10 * kMicrosPerMinute);
            const auto groups =
                status_groups(parse_dsn(queue.find(c.dsn_id)->envelope.message).parts[1].body);
            REQUIRE(groups.size() == 2);  // only bob asked for DELAY
            REQUIRE(groups[1].at("Final-Recipient") == "rfc822; bob@example.net");
            REQUIRE(groups[1].at("Action") == "delayed");
            REQUIRE(groups[1].at("Will-Retry-Until") == "Tue, 06 Jan 2026 00:00:00 +0000");
        }
        now = *queue.next_wakeup();
    }
    REQUIRE(warnings == 1);
}
