#include "protocols/store/change_notifier.hpp"

#include <catch2/catch.hpp>
#include <memory>

using namespace maillab::protocols::store;

TEST_CASE("observers receive only their mailbox's changes", "[store][notifier]") {
    ChangeNotifier notifier;
    int inbox = 0;
    int trace = 0;
    auto a = notifier.subscribe("alice", "INBOX", [&](const Change&) { ++inbox; });
    auto hook = notifier.add_trace_hook([&](const Change&) { ++trace; });
    notifier.publish(Change{.kind = ChangeKind::Appended, .account = "alice", .mailbox = "INBOX"});
    notifier.publish(Change{.kind = ChangeKind::Appended, .account = "alice", .mailbox = "Sent"});
    notifier.publish(Change{.kind = ChangeKind::Appended, .account = "bob", .mailbox = "INBOX"});
    CHECK(inbox == 1);
    CHECK(trace == 3);
}

TEST_CASE("subscriptions unsubscribe when dropped or moved", "[store][notifier]") {
    ChangeNotifier notifier;
    int calls = 0;
    {
        auto scoped = notifier.subscribe("alice", "INBOX", [&](const Change&) { ++calls; });
        Subscription moved = std::move(scoped);
        CHECK_FALSE(scoped.active());
        CHECK(moved.active());
        CHECK(notifier.observer_count() == 1);
    }
    CHECK(notifier.observer_count() == 0);
    notifier.publish(Change{.account = "alice", .mailbox = "INBOX"});
    CHECK(calls == 0);
}

TEST_CASE("an observer can drop another observer during a publish", "[store][notifier]") {
    ChangeNotifier notifier;
    int second_calls = 0;
    Subscription second;
    auto first = notifier.subscribe("a", "m", [&](const Change&) { second.reset(); });
    second = notifier.subscribe("a", "m", [&](const Change&) { ++second_calls; });
    notifier.publish(Change{.account = "a", .mailbox = "m"});
    CHECK(second_calls == 0);
}

TEST_CASE("a subscription may outlive its notifier", "[store][notifier]") {
    Subscription survivor;
    {
        ChangeNotifier notifier;
        survivor = notifier.subscribe("a", "m", [](const Change&) {});
    }
    CHECK_FALSE(survivor.active());
    survivor.reset();
}

TEST_CASE("origins are unique and never the external origin", "[store][notifier]") {
    ChangeNotifier notifier;
    const Origin first = notifier.new_origin();
    const Origin second = notifier.new_origin();
    CHECK(first != kExternalOrigin);
    CHECK(first != second);
}
