#include "sim/export/session_phase.hpp"

#include <catch2/catch.hpp>

using namespace maillab::sim;

TEST_CASE("session phase: routine commands, with or without an IMAP tag") {
    REQUIRE(routine_command("EHLO laptop"));
    REQUIRE(routine_command("A2 LOGIN alice ***"));
    REQUIRE(routine_command("capa"));
    REQUIRE(routine_command("a3 list \"\" *"));
    REQUIRE_FALSE(routine_command("MAIL FROM:<a@b>"));
    REQUIRE_FALSE(routine_command("A4 SELECT INBOX"));
    REQUIRE_FALSE(routine_command("RETR 1"));
    REQUIRE_FALSE(routine_command("QUIT"));
}

TEST_CASE("session phase: QUIT and LOGOUT close a session") {
    REQUIRE(closing_command("QUIT"));
    REQUIRE(closing_command("A9 LOGOUT"));
    REQUIRE(closing_command("quit\r\n"));
    REQUIRE_FALSE(closing_command("A9 LOGIN alice x"));
    REQUIRE_FALSE(closing_command("DELE 1"));
}

TEST_CASE("session phase: the verb of a command") {
    REQUIRE(command_verb("A2 login alice x") == "LOGIN");
    REQUIRE(command_verb("STARTTLS") == "STARTTLS");
    REQUIRE(command_verb("RETR 1") == "RETR");
}

TEST_CASE("session phase: refusals in SMTP, POP3 and IMAP") {
    REQUIRE(refusal_reply("535 5.7.8 Authentication failed"));
    REQUIRE(refusal_reply("451 4.3.0 try later"));
    REQUIRE(refusal_reply("-ERR invalid password"));
    REQUIRE(refusal_reply("A2 NO [AUTHENTICATIONFAILED] wrong"));
    REQUIRE(refusal_reply("* CAPABILITY IMAP4rev1\r\nA1 BAD unknown\r\n"));
    REQUIRE(refusal_reply("550-first\r\n550 last\r\n"));
    REQUIRE_FALSE(refusal_reply("250 OK"));
    REQUIRE_FALSE(refusal_reply("+OK Logged in"));
    REQUIRE_FALSE(refusal_reply("* NO disk almost full\r\nA2 OK done\r\n"));
    REQUIRE_FALSE(refusal_reply("A2 OK LOGIN completed"));
    REQUIRE_FALSE(refusal_reply("* NO warning only"));
}

TEST_CASE("session phase: the mailbox status SELECT sends, and the news it does not fold") {
    REQUIRE(mailbox_status_reply("* FLAGS (\\Answered \\Seen)"));
    REQUIRE(mailbox_status_reply("* 0 RECENT"));
    REQUIRE(mailbox_status_reply("* OK [UIDVALIDITY 1] UIDs valid"));
    REQUIRE(mailbox_status_reply("* OK [HIGHESTMODSEQ 10] Highest"));
    REQUIRE_FALSE(mailbox_status_reply("* 2 EXISTS"));
    REQUIRE_FALSE(mailbox_status_reply("* VANISHED (EARLIER) 1:4"));
    REQUIRE_FALSE(mailbox_status_reply("* 1 FETCH (UID 5 FLAGS (\\Seen))"));
    REQUIRE_FALSE(mailbox_status_reply("A6 OK [READ-WRITE] SELECT completed"));
    REQUIRE_FALSE(mailbox_status_reply("* OK [ALERT] the server restarts soon"));
}
