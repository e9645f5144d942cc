#include "viz/model/message_labels.hpp"

#include <catch2/catch.hpp>

using namespace maillab::viz;

TEST_CASE("flags read as words a teacher can point at") {
    REQUIRE(flag_words("") == "");
    REQUIRE(flag_words("\\Seen") == "read");
    REQUIRE(flag_words("\\Seen \\Flagged \\Answered") == "read, flagged, answered");
    REQUIRE(flag_words("\\Deleted $Forwarded") == "deleted, $Forwarded");
}

TEST_CASE("a message is unread until it has Seen") {
    REQUIRE(is_unread(""));
    REQUIRE(is_unread("\\Flagged"));
    REQUIRE(is_unread("\\Seenish"));
    REQUIRE_FALSE(is_unread("\\Flagged \\Seen"));
}

TEST_CASE("a message's state says unread first, then its flags, never a backslash") {
    REQUIRE(state_words("") == "unread");
    REQUIRE(state_words("\\Flagged") == "unread, flagged");
    REQUIRE(state_words("\\Seen \\Answered") == "read, answered");
    REQUIRE(state_words("\\Seen \\Deleted").find('\\') == std::string::npos);
}

TEST_CASE("a device's copy says whether POP3 downloaded it or IMAP mirrors it") {
    REQUIRE(copy_origin("pop3 alice@mail.example.org 17") == CopyOrigin::Pop3Download);
    REQUIRE(copy_origin("imap alice INBOX 3") == CopyOrigin::ImapCopy);
    REQUIRE(copy_origin("other") == CopyOrigin::Unknown);
    REQUIRE(origin_words(CopyOrigin::Pop3Download) == "downloaded by POP3");
    REQUIRE(origin_words(CopyOrigin::ImapCopy) == "IMAP copy of the server's mailbox");
}
