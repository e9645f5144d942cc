#include "protocols/store/mailbox_name.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::store;

TEST_CASE("INBOX is case-insensitive, also as the first component", "[store][names]") {
    CHECK(canonical_mailbox_name("inbox").value() == "INBOX");
    CHECK(canonical_mailbox_name("InBoX/Sub").value() == "INBOX/Sub");
    CHECK(canonical_mailbox_name("Inboxes").value() == "Inboxes");
    CHECK(canonical_mailbox_name("a/inbox").value() == "a/inbox");
    CHECK(is_inbox("INBOX"));
    CHECK_FALSE(is_inbox("INBOX/x"));
}

TEST_CASE("names are stored as given", "[store][names]") {
    CHECK(canonical_mailbox_name("Entw&APw-rfe").value() == "Entw&APw-rfe");
    CHECK(canonical_mailbox_name("Grüße/日本").value() == "Grüße/日本");
    CHECK(canonical_mailbox_name("with space/and.dot").value() == "with space/and.dot");
}

TEST_CASE("malformed names are refused", "[store][names]") {
    for (const std::string& bad :
         std::vector<std::string>{"", "/", "/a", "a/", "a//b", ".", "..", "../a", "a/..", "a/./b",
                                  std::string(1, '\0'), "a\rb", "a\nb",
                                  "a\x01"
                                  "b",
                                  "a\x7f"
                                  "b"}) {
        INFO("name: " << bad);
        CHECK(canonical_mailbox_name(bad).code() == StoreErrorCode::InvalidName);
    }
}

TEST_CASE("kMaxMailboxNameOctets and kMaxMailboxDepth are enforced", "[store][names]") {
    CHECK(canonical_mailbox_name(std::string(kMaxMailboxNameOctets, 'n')).ok());
    CHECK_FALSE(canonical_mailbox_name(std::string(kMaxMailboxNameOctets + 1, 'n')).ok());
    std::string deep = "d";
    for (std::size_t i = 1; i < kMaxMailboxDepth; ++i)
        deep += "/d";
    CHECK(canonical_mailbox_name(deep).ok());
    CHECK_FALSE(canonical_mailbox_name(deep + "/d").ok());
}

TEST_CASE("hierarchy helpers", "[store][names]") {
    CHECK(parent_mailbox_name("a/b/c") == "a/b");
    CHECK(parent_mailbox_name("a").empty());
    CHECK(is_below("a/b", "a"));
    CHECK_FALSE(is_below("ab", "a"));
    CHECK_FALSE(is_below("a", "a"));
    CHECK(superior_mailbox_names("a/b/c") == std::vector<std::string>{"a", "a/b"});
}
