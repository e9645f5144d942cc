// Change notifications through a MailStore: two sessions on one mailbox see
// each other's changes and can tell their own apart.
#include <catch2/catch.hpp>

#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::testing;

TEMPLATE_TEST_CASE("two sessions on one mailbox see each other's changes", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    const Origin session_a = store.notifier().new_origin();
    const Origin session_b = store.notifier().new_origin();
    CHECK(session_a != session_b);
    CHECK(session_a != kExternalOrigin);

    REQUIRE(store.status("alice", "INBOX").ok());  // creates the account's tree first
    std::vector<Change> seen_a;
    std::vector<Change> seen_b;
    auto sub_a =
        store.notifier().subscribe("alice", "INBOX", [&](const Change& c) { seen_a.push_back(c); });
    auto sub_b =
        store.notifier().subscribe("alice", "INBOX", [&](const Change& c) { seen_b.push_back(c); });

    const Uid uid = store.append("alice", "INBOX", sample_message("x"), {}, 1, session_a).value();
    REQUIRE(store
                .store_flags("alice", "INBOX", {uid}, {FlagOp::Add, flags_of({SystemFlag::Seen})},
                             session_b)
                .ok());
    REQUIRE(store.append("alice", "Sent", sample_message("y"), {}, 1, session_a).ok());
    REQUIRE(store.expunge("alice", "INBOX", {uid}, session_b).ok());

    REQUIRE(seen_b.size() == 3);
    CHECK(seen_b[0].kind == ChangeKind::Appended);
    CHECK(seen_b[0].uid == uid);
    CHECK(seen_b[0].origin == session_a);
    CHECK(seen_b[1].kind == ChangeKind::FlagsChanged);
    CHECK(seen_b[1].flags == flags_of({SystemFlag::Seen}));
    CHECK(seen_b[1].modseq == store.status("alice", "INBOX").value().highest_modseq - 1);
    CHECK(seen_b[1].origin == session_b);
    CHECK(seen_b[2].kind == ChangeKind::Expunged);
    CHECK(seen_b[2].uid == uid);
    CHECK(seen_a.size() == 3);

    sub_a.reset();
    CHECK_FALSE(sub_a.active());
    REQUIRE(store.append("alice", "INBOX", sample_message("z"), {}, 1, session_b).ok());
    CHECK(seen_a.size() == 3);
    CHECK(seen_b.size() == 4);
}

TEMPLATE_TEST_CASE("the trace hook sees every change in the store", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    std::vector<Change> trace;
    auto hook = store.notifier().add_trace_hook([&](const Change& c) { trace.push_back(c); });
    REQUIRE(store.create_mailbox("bob", "Lists").ok());
    REQUIRE(store.append("bob", "Lists", sample_message("l"), {}, 1).ok());
    REQUIRE(store.rename_mailbox("bob", "Lists", "Groups").ok());
    REQUIRE(store.delete_mailbox("bob", "Groups").ok());

    std::vector<ChangeKind> kinds;
    for (const auto& change : trace) {
        if (change.mailbox == "Lists" || change.mailbox == "Groups") kinds.push_back(change.kind);
    }
    CHECK(kinds == std::vector<ChangeKind>{ChangeKind::MailboxCreated, ChangeKind::Appended,
                                           ChangeKind::MailboxRenamed, ChangeKind::MailboxDeleted});
    // The account's default tree is traced too, INBOX first.
    REQUIRE_FALSE(trace.empty());
    CHECK(trace[0].kind == ChangeKind::MailboxCreated);
    CHECK(trace[0].mailbox == "INBOX");
    CHECK(to_string(ChangeKind::Expunged) == "expunged");
}

TEMPLATE_TEST_CASE("an observer may call the store and unsubscribe from its callback", "[store]",
                   MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    Subscription subscription;
    std::vector<std::uint32_t> counts;
    subscription = store.notifier().subscribe("alice", "INBOX", [&](const Change&) {
        counts.push_back(store.status("alice", "INBOX").value().messages);
        subscription.reset();
    });
    REQUIRE(store.append("alice", "INBOX", sample_message("1"), {}, 1).ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("2"), {}, 1).ok());
    CHECK(counts == std::vector<std::uint32_t>{1});
    CHECK(store.notifier().observer_count() == 0);
}
