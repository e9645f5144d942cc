#include "protocols/pop3/memory_maildrop.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::pop3;

TEST_CASE("Message sizes count CRLF line ends, whatever the input used") {
    CHECK(to_crlf("a\nb") == "a\r\nb\r\n");
    CHECK(to_crlf("a\r\nb\r\n") == "a\r\nb\r\n");
    CHECK(to_crlf("a\rb\n") == "a\r\nb\r\n");
    CHECK(to_crlf("") == "");

    MemoryMaildrop drop;
    drop.add_user("u", "p");
    const auto uid = drop.add_message("u", "Subject: x\n\nbody\n");
    const auto snap = drop.snapshot("u");
    REQUIRE(snap);
    REQUIRE(snap->size() == 1);
    CHECK(snap->front().uid == uid);
    CHECK(snap->front().size == std::string{"Subject: x\r\n\r\nbody\r\n"}.size());
    CHECK(drop.read("u", uid) == "Subject: x\r\n\r\nbody\r\n");
}

TEST_CASE("Memory maildrop uids are valid UIDL ids and unique") {
    MemoryMaildrop drop;
    drop.add_user("u", "p");
    const auto a = drop.add_message("u", "x");
    const auto b = drop.add_message("u", "y");
    CHECK(a != b);
    CHECK(is_valid_uid(a));
    CHECK(is_valid_uid(b));
}

TEST_CASE("kMaxUidOctets: unique ids are 1 to 70 printable characters") {
    CHECK(is_valid_uid(std::string(kMaxUidOctets, 'a')));
    CHECK_FALSE(is_valid_uid(std::string(kMaxUidOctets + 1, 'a')));
    CHECK_FALSE(is_valid_uid(""));
    CHECK_FALSE(is_valid_uid("a b"));
    CHECK_FALSE(is_valid_uid("a\x7f"));
}

TEST_CASE("The memory maildrop lock is exclusive and released with its handle") {
    MemoryMaildrop drop;
    drop.add_user("u", "p");
    auto first = drop.lock("u");
    REQUIRE(first);
    CHECK(drop.is_locked("u"));
    CHECK_FALSE(drop.lock("u"));
    first.reset();
    CHECK_FALSE(drop.is_locked("u"));
    CHECK(drop.lock("u"));
}

TEST_CASE("The memory maildrop authenticates and removes by uid") {
    MemoryMaildrop drop;
    drop.add_user("u", "p");
    CHECK(drop.authenticate("u", "p") == AuthResult::Ok);
    CHECK(drop.authenticate("u", "q") == AuthResult::Rejected);
    CHECK(drop.authenticate("nobody", "p") == AuthResult::Rejected);
    drop.set_auth_override("u", AuthResult::LoginDelay);
    CHECK(drop.authenticate("u", "p") == AuthResult::LoginDelay);
    CHECK(drop.authenticate("u", "q") == AuthResult::Rejected);

    const auto a = drop.add_message("u", "a");
    const auto b = drop.add_message("u", "b");
    CHECK(drop.remove("u", {a}));
    REQUIRE(drop.messages("u").size() == 1);
    CHECK(drop.messages("u").front().uid == b);
    CHECK_FALSE(drop.read("u", a));
}
