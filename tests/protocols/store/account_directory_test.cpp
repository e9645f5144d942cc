#include "protocols/store/account_directory.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::store;

TEST_CASE("authenticate accepts only the right password", "[store][accounts]") {
    AccountDirectory accounts;
    REQUIRE(accounts.add_account("alice@example.test", "correct horse").ok());
    CHECK(accounts.authenticate("alice@example.test", "correct horse"));
    CHECK_FALSE(accounts.authenticate("alice@example.test", "correct hors"));
    CHECK_FALSE(accounts.authenticate("alice@example.test", "correct horse "));
    CHECK_FALSE(accounts.authenticate("alice@example.test", ""));
    CHECK_FALSE(accounts.authenticate("bob", "correct horse"));
    CHECK_FALSE(accounts.authenticate("bob", "maillab-no-such-account"));
    REQUIRE(accounts.set_password("alice@example.test", "new").ok());
    CHECK(accounts.authenticate("alice@example.test", "new"));
    CHECK(accounts.set_password("bob", "x").code() == StoreErrorCode::NoSuchAccount);
}

TEST_CASE("account names are safe directory names", "[store][accounts]") {
    AccountDirectory accounts;
    CHECK(accounts.add_account("a.b+c-d_e@host", "pw").ok());
    CHECK(accounts.add_account("a.b+c-d_e@host", "pw").code() == StoreErrorCode::AlreadyExists);
    for (const std::string& bad :
         std::vector<std::string>{"", ".", "..", ".hidden", "a/b", "../x", "a b", "a\nb",
                                  std::string(kMaxAccountNameOctets + 1, 'a')}) {
        INFO(bad);
        CHECK(accounts.add_account(bad, "pw").code() == StoreErrorCode::InvalidName);
    }
    CHECK(accounts.add_account(std::string(kMaxAccountNameOctets, 'a'), "pw").ok());
    CHECK(accounts.add_account("long", std::string(kMaxPasswordOctets + 1, 'p')).code() ==
          StoreErrorCode::LimitExceeded);
}

TEST_CASE("quota limits are kept per account", "[store][accounts]") {
    AccountDirectory accounts;
    REQUIRE(accounts.add_account("alice", "pw", {.storage_octets = 1000}).ok());
    CHECK(accounts.quota("alice")->storage_octets == 1000u);
    CHECK_FALSE(accounts.quota("alice")->messages.has_value());
    REQUIRE(accounts.set_quota("alice", {.messages = 5}).ok());
    CHECK(accounts.quota("alice")->messages == 5u);
    CHECK_FALSE(accounts.quota("nobody").has_value());
}
