// Mailbox rules (RFC 3501 §6.3), run against every MailStore implementation.
#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/protocols/store/store_fixtures.hpp"

using namespace maillab::protocols::store;
using namespace maillab::protocols::store::testing;

namespace {

const MailboxInfo* find_box(const std::vector<MailboxInfo>& list, const std::string& name) {
    const auto at = std::find_if(list.begin(), list.end(),
                                 [&](const MailboxInfo& info) { return info.name == name; });
    return at == list.end() ? nullptr : &*at;
}

std::vector<MailboxInfo> listing(MailStore& store, const std::string& account = "alice") {
    auto list = store.list_mailboxes(account);
    REQUIRE(list.ok());
    return list.value();
}

}  // namespace

TEMPLATE_TEST_CASE("a new account gets INBOX and the special-use mailboxes", "[store]",
                   MemoryFixture, MaildirFixture) {
    TestType fixture;
    const auto list = listing(*fixture.store);
    REQUIRE(list.size() == 6);
    CHECK(list.front().name == "INBOX");
    const std::vector<std::pair<std::string, SpecialUse>> expected{
        {"Sent", SpecialUse::Sent},
        {"Drafts", SpecialUse::Drafts},
        {"Trash", SpecialUse::Trash},
        {"Junk", SpecialUse::Junk},
        {"Archive", SpecialUse::Archive}};
    for (const auto& [name, use] : expected) {
        const auto* box = find_box(list, name);
        REQUIRE(box != nullptr);
        CHECK(box->special_use == use);
        CHECK(box->subscribed);
        CHECK(box->selectable);
        CHECK_FALSE(box->has_children);
    }
    CHECK(special_use_attribute(SpecialUse::Junk) == "\\Junk");
}

TEMPLATE_TEST_CASE("an unknown account is refused", "[store]", MemoryFixture, MaildirFixture) {
    TestType fixture;
    CHECK(fixture.store->list_mailboxes("mallory").code() == StoreErrorCode::NoSuchAccount);
    CHECK(fixture.store->append("mallory", "INBOX", "x", {}, 0).code() ==
          StoreErrorCode::NoSuchAccount);
}

TEMPLATE_TEST_CASE("create refuses existing and invalid names", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.create_mailbox("alice", "Projects").ok());
    CHECK(store.create_mailbox("alice", "Projects").code() == StoreErrorCode::AlreadyExists);
    CHECK(store.create_mailbox("alice", "inbox").code() == StoreErrorCode::AlreadyExists);
    CHECK(store.create_mailbox("alice", "projects").ok());  // only INBOX ignores case
    for (const std::string& bad : std::vector<std::string>{
             "", "../escape", "a/../../b", "/rooted", "trailing/", "a//b", ".", "..", "a/./b",
             std::string("nul\0byte", 8), "cr\rlf\n", "tab\there", std::string(85, 'x')}) {
        INFO("name: " << bad);
        CHECK(store.create_mailbox("alice", bad).code() == StoreErrorCode::InvalidName);
    }
    CHECK(listing(store).size() == 8);
}

TEMPLATE_TEST_CASE("superior names of a nested mailbox are listed as Noselect", "[store]",
                   MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.create_mailbox("alice", "a/b/c").ok());
    REQUIRE(store.create_mailbox("alice", "a-z").ok());
    const auto list = listing(store);
    const auto* a = find_box(list, "a");
    const auto* ab = find_box(list, "a/b");
    const auto* abc = find_box(list, "a/b/c");
    REQUIRE((a && ab && abc));
    CHECK_FALSE(a->selectable);
    CHECK(a->has_children);
    CHECK_FALSE(ab->selectable);
    CHECK(ab->has_children);
    CHECK(abc->selectable);
    CHECK_FALSE(abc->has_children);
    CHECK(store.status("alice", "a").code() == StoreErrorCode::NoSuchMailbox);
    // Creating the superior name later makes it selectable.
    REQUIRE(store.create_mailbox("alice", "a").ok());
    CHECK(find_box(listing(store), "a")->selectable);
}

TEMPLATE_TEST_CASE("delete follows RFC 3501 section 6.3.4", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    CHECK(store.delete_mailbox("alice", "INBOX").code() == StoreErrorCode::NotAllowed);
    CHECK(store.delete_mailbox("alice", "inbox").code() == StoreErrorCode::NotAllowed);
    CHECK(store.delete_mailbox("alice", "Nothing").code() == StoreErrorCode::NoSuchMailbox);

    REQUIRE(store.create_mailbox("alice", "Work").ok());
    REQUIRE(store.create_mailbox("alice", "Work/2024").ok());
    REQUIRE(store.append("alice", "Work", sample_message("w"), {}, 1000).ok());
    const Uid old_validity = store.status("alice", "Work").value().uidvalidity;

    // A parent with children loses its messages and becomes \Noselect.
    REQUIRE(store.delete_mailbox("alice", "Work").ok());
    auto list = listing(store);
    REQUIRE(find_box(list, "Work") != nullptr);
    CHECK_FALSE(find_box(list, "Work")->selectable);
    CHECK(find_box(list, "Work/2024")->selectable);
    // A \Noselect name with children cannot be deleted.
    CHECK(store.delete_mailbox("alice", "Work").code() == StoreErrorCode::HasChildren);

    REQUIRE(store.delete_mailbox("alice", "Work/2024").ok());
    list = listing(store);
    CHECK(find_box(list, "Work") == nullptr);
    CHECK(find_box(list, "Work/2024") == nullptr);

    // A re-created name never gets the old UIDVALIDITY back.
    REQUIRE(store.create_mailbox("alice", "Work").ok());
    const auto status = store.status("alice", "Work");
    CHECK(status.value().uidvalidity != old_validity);
    CHECK(status.value().messages == 0);
}

TEMPLATE_TEST_CASE("rename moves the mailbox and its children", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.create_mailbox("alice", "Old").ok());
    REQUIRE(store.create_mailbox("alice", "Old/Child").ok());
    REQUIRE(store.create_mailbox("alice", "Other").ok());
    REQUIRE(store.set_subscribed("alice", "Old/Child", true).ok());
    REQUIRE(store.append("alice", "Old/Child", sample_message("kept"), {}, 1234).ok());
    const auto before = store.status("alice", "Old/Child").value();

    CHECK(store.rename_mailbox("alice", "Old", "Other").code() == StoreErrorCode::AlreadyExists);
    CHECK(store.rename_mailbox("alice", "Old", "Old/Child/x").code() == StoreErrorCode::NotAllowed);
    CHECK(store.rename_mailbox("alice", "Missing", "x").code() == StoreErrorCode::NoSuchMailbox);
    CHECK(store.rename_mailbox("alice", "Old", "../x").code() == StoreErrorCode::InvalidName);
    CHECK(store.rename_mailbox("alice", "Old", "INBOX").code() == StoreErrorCode::AlreadyExists);

    REQUIRE(store.rename_mailbox("alice", "Old", "New/Place").ok());
    const auto list = listing(store);
    CHECK(find_box(list, "Old") == nullptr);
    CHECK(find_box(list, "Old/Child") == nullptr);
    REQUIRE(find_box(list, "New/Place/Child") != nullptr);
    CHECK(find_box(list, "New/Place/Child")->subscribed);
    CHECK_FALSE(find_box(list, "New")->selectable);
    const auto after = store.status("alice", "New/Place/Child").value();
    CHECK(after.uidvalidity == before.uidvalidity);
    CHECK(after.messages == 1);
    CHECK(store.read_message("alice", "New/Place/Child", 1).value() == sample_message("kept"));
}

TEMPLATE_TEST_CASE("renaming INBOX moves its messages and leaves INBOX empty", "[store]",
                   MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.create_mailbox("alice", "INBOX/Sub").ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("one"), flags_of({SystemFlag::Seen}), 100)
                .ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("two"), {}, 200).ok());

    REQUIRE(store.rename_mailbox("alice", "inbox", "Old-Inbox").ok());
    const auto inbox = store.status("alice", "INBOX").value();
    CHECK(inbox.messages == 0);
    CHECK(inbox.uidnext == 3);  // UIDs are never reused in INBOX
    const auto moved = store.messages("alice", "Old-Inbox").value();
    REQUIRE(moved.size() == 2);
    CHECK(moved[0].flags == flags_of({SystemFlag::Seen}));
    CHECK(moved[0].internal_date == 100);
    CHECK(store.read_message("alice", "Old-Inbox", moved[1].uid).value() == sample_message("two"));
    const auto list = listing(store);
    CHECK(find_box(list, "INBOX/Sub") != nullptr);  // INBOX's children stay
}

TEMPLATE_TEST_CASE("subscriptions are kept by name", "[store]", MemoryFixture, MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.set_subscribed("alice", "Trash", false).ok());
    REQUIRE(store.set_subscribed("alice", "Not/There/Yet", true).ok());  // RFC 3501 §6.3.6
    CHECK(store.set_subscribed("alice", "../x", true).code() == StoreErrorCode::InvalidName);
    const auto names = store.subscriptions("alice").value();
    CHECK(std::find(names.begin(), names.end(), "Trash") == names.end());
    CHECK(std::find(names.begin(), names.end(), "Not/There/Yet") != names.end());
    CHECK_FALSE(find_box(listing(store), "Trash")->subscribed);
}

TEMPLATE_TEST_CASE("accounts do not see each other's mailboxes", "[store]", MemoryFixture,
                   MaildirFixture) {
    TestType fixture;
    MailStore& store = *fixture.store;
    REQUIRE(store.create_mailbox("alice", "Private").ok());
    REQUIRE(store.append("alice", "INBOX", sample_message("a"), {}, 1).ok());
    CHECK(find_box(listing(store, "bob"), "Private") == nullptr);
    CHECK(store.status("bob", "INBOX").value().messages == 0);
}
