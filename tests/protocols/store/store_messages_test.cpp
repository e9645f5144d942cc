// Message rules (UIDs, modseqs, flags, expunge, copy, move, quota), run
// against every MailStore implementation.
#include <catch2/catch.hpp>

#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::testing;

TEMPLATE_TEST_CASE("append assigns ascending UIDs and growing modseqs", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    const auto empty = store.status("alice", "INBOX").value();
    CHECK(empty.uidvalidity != 0);
    CHECK(empty.uidnext == 1);
    CHECK(empty.messages == 0);

    const std::string first = sample_message("first");
    const auto uid1 =
        store.append("alice", "INBOX", first, flags_of({SystemFlag::Seen}), 1'700'000'000);
    const auto uid2 = store.append("alice", "INBOX", sample_message("second"), {}, 1'700'000'100);
    REQUIRE((uid1.ok() && uid2.ok()));
    CHECK(uid1.value() == 1);
    CHECK(uid2.value() == 2);

    const auto status = store.status("alice", "INBOX").value();
    CHECK(status.uidnext == 3);
    CHECK(status.messages == 2);
    CHECK(status.unseen == 1);
    CHECK(status.uidvalidity == empty.uidvalidity);
    CHECK(status.highest_modseq > empty.highest_modseq);

    const auto list = store.messages("alice", "INBOX").value();
    REQUIRE(list.size() == 2);
    CHECK(list[0].uid == 1);
    CHECK(list[0].size == first.size());
    CHECK(list[0].internal_date == 1'700'000'000);
    CHECK(list[0].saved_at == 1'700'000'000);  // a delivery is saved when it is dated
    CHECK(list[0].flags == flags_of({SystemFlag::Seen}));
    CHECK(list[0].modseq < list[1].modseq);
    CHECK(list[1].modseq == status.highest_modseq);
    CHECK(store.read_message("alice", "INBOX", 1).value() == first);
    CHECK(store.read_message("alice", "INBOX", 9).code() == StoreErrorCode::NoSuchMessage);
    CHECK(store.append("alice", "Nowhere", first, {}, 0).code() == StoreErrorCode::NoSuchMailbox);
}

TEMPLATE_TEST_CASE("an appended message keeps its own date and the save date apart", "[store]",
                   MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("old"), {}, MessageDates{100, 900}).ok());
    const auto list = store.messages("alice", "INBOX").value();
    REQUIRE(list.size() == 1);
    CHECK(list[0].internal_date == 100);
    CHECK(list[0].saved_at == 900);
}

TEMPLATE_TEST_CASE("each mailbox has its own non-zero UIDVALIDITY", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    const Uid inbox = store.status("alice", "INBOX").value().uidvalidity;
    const Uid sent = store.status("alice", "Sent").value().uidvalidity;
    CHECK(inbox != 0);
    CHECK(sent != 0);
    CHECK(inbox != sent);
}

TEMPLATE_TEST_CASE("an expunged UID is never reused", "[store]", MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    for (int i = 0; i < 4; ++i) {
        REQUIRE(
            store.append("alice", "INBOX", sample_message("m" + std::to_string(i)), {}, i).ok());
    }
    const ModSeq before = store.status("alice", "INBOX").value().highest_modseq;
    const auto removed = store.expunge("alice", "INBOX", {4, 2, 2, 99});
    REQUIRE(removed.ok());
    CHECK(removed.value() == std::vector<Uid>{2, 4});
    const auto status = store.status("alice", "INBOX").value();
    CHECK(status.messages == 2);
    CHECK(status.highest_modseq > before);
    CHECK(store.append("alice", "INBOX", sample_message("next"), {}, 9).value() == 5);
    const auto list = store.messages("alice", "INBOX").value();
    REQUIRE(list.size() == 3);
    CHECK(list[0].uid == 1);
    CHECK(list[1].uid == 3);
    CHECK(list[2].uid == 5);
    CHECK(store.read_message("alice", "INBOX", 2).code() == StoreErrorCode::NoSuchMessage);
}

TEMPLATE_TEST_CASE("store_flags adds, removes and replaces", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("a"), {}, 1).ok());
    REQUIRE(
        store.append("alice", "INBOX", sample_message("b"), flags_of({SystemFlag::Seen}), 2).ok());

    auto added = store.store_flags("alice", "INBOX", {1, 2, 7},
                                   {FlagOp::Add, flags_of({SystemFlag::Seen}, {"$Important"})});
    REQUIRE(added.ok());
    REQUIRE(added.value().changed.size() == 2);
    CHECK(added.value().changed[0].flags == flags_of({SystemFlag::Seen}, {"$Important"}));

    // Nothing changes: no modseq is spent.
    const ModSeq highest = store.status("alice", "INBOX").value().highest_modseq;
    auto same =
        store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({SystemFlag::Seen})});
    CHECK(same.value().changed.empty());
    CHECK(store.status("alice", "INBOX").value().highest_modseq == highest);

    auto removed =
        store.store_flags("alice", "INBOX", {1}, {FlagOp::Remove, flags_of({SystemFlag::Seen})});
    REQUIRE(removed.value().changed.size() == 1);
    CHECK(removed.value().changed[0].flags == flags_of({}, {"$Important"}));
    CHECK(removed.value().changed[0].modseq > highest);

    auto replaced =
        store.store_flags("alice", "INBOX", {2},
                          {FlagOp::Replace, flags_of({SystemFlag::Deleted, SystemFlag::Draft})});
    REQUIRE(replaced.value().changed.size() == 1);
    const auto list = store.messages("alice", "INBOX").value();
    CHECK(list[1].flags == flags_of({SystemFlag::Deleted, SystemFlag::Draft}));
    CHECK(store.status("alice", "INBOX").value().keywords ==
          std::vector<std::string>{"$Important"});

    CHECK(store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({}, {"bad]word"})})
              .code() == StoreErrorCode::InvalidName);
}

TEMPLATE_TEST_CASE("UNCHANGEDSINCE refuses messages changed after the given modseq", "[store]",
                   MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("a"), {}, 1).ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("b"), {}, 2).ok());
    const ModSeq seen_at = store.status("alice", "INBOX").value().highest_modseq;
    // Another session changes message 2 after our snapshot.
    REQUIRE(store.store_flags("alice", "INBOX", {2}, {FlagOp::Add, flags_of({SystemFlag::Flagged})})
                .ok());
    FlagUpdate update{FlagOp::Add, flags_of({SystemFlag::Seen}), seen_at};
    const auto result = store.store_flags("alice", "INBOX", {1, 2}, update);
    REQUIRE(result.ok());
    CHECK(result.value().failed == std::vector<Uid>{2});
    REQUIRE(result.value().changed.size() == 1);
    CHECK(result.value().changed[0].uid == 1);
    CHECK_FALSE(store.messages("alice", "INBOX").value()[1].flags.has(SystemFlag::Seen));
}

TEMPLATE_TEST_CASE("a mailbox holds at most 26 keywords", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "INBOX", sample_message("a"), {}, 1).ok());
    Flags many;
    for (std::size_t i = 0; i < kMaxKeywordsPerMailbox; ++i)
        many.add_keyword("k" + std::to_string(i));
    REQUIRE(store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, many}).ok());
    CHECK(store.store_flags("alice", "INBOX", {1}, {FlagOp::Add, flags_of({}, {"one-more"})})
              .code() == StoreErrorCode::LimitExceeded);
    CHECK(store.messages("alice", "INBOX").value()[0].flags == many);
}

TEMPLATE_TEST_CASE("copy and move report the UIDPLUS mapping", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.append("alice", "Archive", sample_message("old"), {}, 5).ok());
    for (int i = 0; i < 3; ++i) {
        REQUIRE(store
                    .append("alice", "INBOX", sample_message("m" + std::to_string(i)),
                            flags_of({SystemFlag::Flagged}, {"$Label1"}), 100 + i)
                    .ok());
    }
    const auto copied = store.copy("alice", "INBOX", {3, 1, 42}, "Archive", 500);
    REQUIRE(copied.ok());
    CHECK(copied.value().destination_uidvalidity ==
          store.status("alice", "Archive").value().uidvalidity);
    REQUIRE(copied.value().mapping.size() == 2);
    CHECK(copied.value().mapping[0].source == 1);
    CHECK(copied.value().mapping[0].destination == 2);
    CHECK(copied.value().mapping[1].source == 3);
    CHECK(copied.value().mapping[1].destination == 3);
    const auto archive = store.messages("alice", "Archive").value();
    REQUIRE(archive.size() == 3);
    CHECK(archive[1].flags == flags_of({SystemFlag::Flagged}, {"$Label1"}));
    CHECK(archive[1].internal_date == 100);  // kept (RFC 3501 §6.4.7)
    CHECK(archive[1].saved_at == 500);       // saved into Archive at the copy (RFC 8514)
    CHECK(store.messages("alice", "INBOX").value()[0].saved_at == 100);
    CHECK(store.read_message("alice", "Archive", 3).value() == sample_message("m2"));
    CHECK(store.status("alice", "INBOX").value().messages == 3);

    const auto moved = store.move("alice", "INBOX", {2}, "Trash", 600);
    REQUIRE(moved.ok());
    REQUIRE(moved.value().mapping.size() == 1);
    CHECK(moved.value().mapping[0].destination == 1);
    const auto trash = store.messages("alice", "Trash").value();
    REQUIRE(trash.size() == 1);
    CHECK(trash[0].internal_date == 101);
    CHECK(trash[0].saved_at == 600);
    CHECK(store.status("alice", "INBOX").value().messages == 2);
    CHECK(store.read_message("alice", "Trash", 1).value() == sample_message("m1"));
    CHECK(store.copy("alice", "INBOX", {1}, "Nowhere", 700).code() ==
          StoreErrorCode::NoSuchMailbox);

    const auto self = store.copy("alice", "INBOX", {1}, "INBOX", 700);
    REQUIRE(self.ok());
    CHECK(self.value().mapping[0].destination == 4);
}

TEMPLATE_TEST_CASE("quota refuses what would not fit", "[store]", MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    const std::string message = sample_message("q");
    REQUIRE(fixture.accounts.set_quota("alice", {.storage_octets = message.size() * 2 + 10}).ok());
    REQUIRE(store.append("alice", "INBOX", message, {}, 1).ok());
    REQUIRE(store.append("alice", "Sent", message, {}, 1).ok());
    const auto refused = store.append("alice", "INBOX", message, {}, 1);
    CHECK(refused.code() == StoreErrorCode::QuotaExceeded);
    CHECK(store.copy("alice", "INBOX", {1}, "Archive", 2).code() == StoreErrorCode::QuotaExceeded);
    CHECK(store.move("alice", "INBOX", {1}, "Archive", 2).ok());  // moving does not grow usage

    const auto usage = store.quota("alice").value();
    CHECK(usage.storage_octets == message.size() * 2);
    CHECK(usage.messages == 2);
    CHECK(usage.limits.storage_octets == message.size() * 2 + 10);
    CHECK(store.status("alice", "INBOX").value().messages == 0);

    REQUIRE(fixture.accounts.set_quota("alice", {.messages = 2}).ok());
    CHECK(store.append("alice", "INBOX", "x", {}, 1).code() == StoreErrorCode::QuotaExceeded);
    CHECK(store.append("bob", "INBOX", message, {}, 1).ok());  // bob has no quota
}

TEMPLATE_TEST_CASE("messages above kMaxMessageOctets are refused", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    const std::string huge(kMaxMessageOctets + 1, 'x');
    CHECK(fixture.store->append("alice", "INBOX", huge, {}, 1).code() ==
          StoreErrorCode::LimitExceeded);
    CHECK(fixture.store->status("alice", "INBOX").value().messages == 0);
}
