// MULTIAPPEND (RFC 3502), literal8 in APPEND (BINARY, RFC 3516 §4.4) and
// UTF8=ACCEPT (RFC 6855): the grammar, the limits and the server's answers.
#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/binary_append.hpp"
#include "protocols/imap/command_parser.hpp"
#include "protocols/imap/explanations.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"
#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;
using maillab::test::Client;
using maillab::test::simple_message;
using maillab::test::StoreFixture;
using namespace std::string_literals;

namespace {

std::string literal(const std::string& bytes, std::string_view prefix = "") {
    return std::string{prefix} + "{" + std::to_string(bytes.size()) + "+}\r\n" + bytes;
}

std::string uidvalidity(StoreFixture& f, std::string_view box) {
    return std::to_string(f.mail.status("alice", box).value().uidvalidity);
}

}  // namespace

TEST_CASE("MULTIAPPEND parses several messages, each with its own flags and date",
          "[imap][parser][multiappend]") {
    auto app = parse_as<AppendCmd>(
        "a APPEND Sent (\\Seen) {1+}\r\nx \"05-Jan-2024 10:00:00 +0100\" {1+}\r\ny ~{2+}\r\nz\0"
        " UTF8 (~{1+}\r\nw)"s);
    REQUIRE(app.messages.size() == 4);
    CHECK(app.messages[0] == AppendMessage{{"\\Seen"}, std::nullopt, "x", AppendData::Literal});
    CHECK(app.messages[1].internal_date->date == Date{2024, 1, 5});
    CHECK(app.messages[1].message == "y");
    CHECK(app.messages[2] == AppendMessage{{}, std::nullopt, "z\0"s, AppendData::Literal8});
    CHECK(app.messages[3] == AppendMessage{{}, std::nullopt, "w", AppendData::Utf8});
    CHECK(explanation_name(parse_ok("a APPEND x {1+}\r\nm {1+}\r\nn")) == "APPEND (MULTIAPPEND)");
    CHECK(explanation_name(parse_ok("a APPEND x ~{1+}\r\nm")) == "APPEND (BINARY)");
    CHECK(explanation_name(parse_ok("a APPEND x UTF8 (~{1+}\r\nm)")) == "APPEND (UTF8)");
    for (const char* name :
         {"APPEND (MULTIAPPEND)", "APPEND (BINARY)", "APPEND (UTF8)", "ENABLE UTF8=ACCEPT",
          "FETCH PREVIEW", "FETCH SAVEDATE", "SEARCH SAVEDATE"}) {
        INFO(name);
        const auto why = find_command_explanation(name);
        REQUIRE(why);
        CHECK(why->reference.rfind("RFC ", 0) == 0);
    }
    CHECK(explain_command(parse_ok("a ENABLE UTF8=ACCEPT")).reference == "RFC 6855 §3");
}

TEST_CASE("APPEND refuses NUL in a literal, a broken literal8 and too many messages",
          "[imap][parser][multiappend][limits]") {
    // NUL only travels in a literal8 (RFC 3501 §4.3, RFC 3516 §4.4).
    CHECK(parse_bad("a APPEND INBOX {3+}\r\na\0b"s).message == "APPEND: NUL in literal");
    CHECK(parse_as<AppendCmd>("a APPEND INBOX ~{3+}\r\na\0b"s).messages[0].message == "a\0b"s);
    CHECK(parse_bad("a APPEND INBOX ~{3+}\r\nab").message ==
          "APPEND: Literal shorter than announced");
    CHECK(parse_bad("a APPEND INBOX ~3}\r\nabc").message == "APPEND: Expected a literal8");
    CHECK(parse_bad("a APPEND INBOX UTF8 ({1+}\r\na)").message == "APPEND: Expected a literal8");
    CHECK(parse_bad("a APPEND INBOX {1+}\r\na ").message ==
          "APPEND: APPEND needs the message as a literal");
    std::string many = "a APPEND INBOX";
    for (std::size_t i = 0; i < kMaxAppendMessages; ++i)
        many += " {1+}\r\nm";
    CHECK(parse_as<AppendCmd>(many).messages.size() == kMaxAppendMessages);
    CHECK(parse_bad(many + " {1+}\r\nm").message == "APPEND: Too many messages");
}

TEST_CASE("UTF-8 in quoted strings only after ENABLE UTF8=ACCEPT", "[imap][parser][utf8]") {
    const std::string text = "a SEARCH SUBJECT \"Gr\xC3\xBC\xC3\x9F\x65\"";
    CHECK(std::get<ParseError>(parse_command(text)).message ==
          "SEARCH: 8-bit, NUL, CR or LF in quoted string");
    const auto ok = std::get<TaggedCommand>(parse_command(text, {.utf8 = true}));
    CHECK(std::get<SearchCmd>(ok.command).criteria.children[0].text == "Gr\xC3\xBC\xC3\x9F\x65");
    CHECK(
        std::get<ParseError>(parse_command("a SEARCH SUBJECT \"\xC3\"", {.utf8 = true})).message ==
        "SEARCH: Invalid UTF-8 in quoted string");
}

TEST_CASE("MULTIAPPEND stores every message and names every UID", "[imap][server][multiappend]") {
    StoreFixture f;
    Client c{f};
    const std::string one = simple_message("one");
    const std::string two = simple_message("two");
    CHECK(c.say("a APPEND Sent (\\Seen) " + literal(one) + " " + literal(two) + "\r\n") ==
          "a OK [APPENDUID " + uidvalidity(f, "Sent") + " 1:2] APPEND completed\r\n");
    const auto stored = f.mail.messages("alice", "Sent").value();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].flags.has(store::SystemFlag::Seen));
    CHECK_FALSE(stored[1].flags.has(store::SystemFlag::Seen));
    CHECK(f.mail.read_message("alice", "Sent", 2).value() == two);
    // A bad flag on the second message stores neither.
    CHECK(c.say("b APPEND Sent " + literal(one) + " (\\Bogus) " + literal(two) + "\r\n") ==
          "b BAD Invalid flag in APPEND\r\n");
    CHECK(f.mail.messages("alice", "Sent").value().size() == 2);
}

TEST_CASE("MULTIAPPEND over quota stores none of its messages", "[imap][server][multiappend]") {
    StoreFixture f{store::QuotaLimits{.storage_octets = 200}};
    Client c{f};
    const std::string msg = simple_message("big", std::string(60, 'x') + "\r\n");
    const std::string out = c.say("a APPEND INBOX " + literal(msg) + " " + literal(msg) + "\r\n");
    CHECK(out.rfind("a NO [OVERQUOTA] ", 0) == 0);
    CHECK(f.mail.messages("alice", "INBOX").value().empty());
}

TEST_CASE("a literal8 with NUL is stored base64-encoded and fetched back as literal8",
          "[imap][server][binary]") {
    const std::string head =
        "From: a@x.test\r\nContent-Type: application/octet-stream\r\n"
        "Content-Transfer-Encoding: binary\r\n\r\n";
    const std::string body = "a\0b\xFF"s;
    CHECK(binary_store_form(head + body) ==
          "From: a@x.test\r\nContent-Type: application/octet-stream\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\nYQBi/w==");
    CHECK(binary_store_form("Subject: a\0b\r\n\r\nx"s) == std::nullopt);
    CHECK(binary_store_form("Subject: a\r\n\r\nx") == "Subject: a\r\n\r\nx");
    // Without a Content-Transfer-Encoding field one is added.
    CHECK(binary_store_form("Subject: a\r\n\r\n\0"s) ==
          "Content-Transfer-Encoding: base64\r\nSubject: a\r\n\r\nAA==");

    StoreFixture f;
    Client c{f};
    const std::string msg = head + body;
    CHECK(c.say("a APPEND INBOX ~{" + std::to_string(msg.size()) + "}\r\n") == "+ OK\r\n");
    CHECK(c.say(msg + "\r\n") ==
          "a OK [APPENDUID " + uidvalidity(f, "INBOX") + " 1] APPEND completed\r\n");
    c.say("s SELECT INBOX\r\n");
    CHECK(c.say("b FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1] BODY.PEEK[1])\r\n") ==
          "* 1 FETCH (BINARY.SIZE[1] 4 BINARY[1] ~{4}\r\na\0b\xFF BODY[1] \"YQBi/w==\")\r\n"
          "b OK FETCH completed\r\n"s);
    CHECK(c.say("c APPEND INBOX " + literal("Subject: \0\r\n\r\n"s, "~") + "\r\n") ==
          "c NO [UNKNOWN-CTE] NUL outside a body part cannot be stored\r\n");
}

TEST_CASE("ENABLE UTF8=ACCEPT: UTF-8 strings, UTF8 APPEND data, no SEARCH CHARSET",
          "[imap][server][utf8]") {
    StoreFixture f;
    f.deliver("INBOX", simple_message("Gr\xC3\xBC\xC3\x9F\x65"));
    Client before{f};
    before.say("s SELECT INBOX\r\n");
    CHECK(before.say("a SEARCH SUBJECT \"\xC3\xBC\"\r\n") ==
          "a BAD SEARCH: 8-bit, NUL, CR or LF in quoted string\r\n");
    Client c{f};
    CHECK(c.session.capabilities().find(" UTF8=ACCEPT") != std::string::npos);
    CHECK(c.say("b ENABLE UTF8=ACCEPT\r\n") ==
          "* ENABLED UTF8=ACCEPT\r\nb OK ENABLE completed\r\n");
    CHECK(c.say("s SELECT INBOX\r\n").find("s OK") != std::string::npos);
    CHECK(c.say("c SEARCH SUBJECT \"\xC3\xBC\"\r\n") == "* SEARCH 1\r\nc OK SEARCH completed\r\n");
    CHECK(c.say("d SEARCH CHARSET UTF-8 ALL\r\n") ==
          "d BAD No CHARSET after ENABLE UTF8=ACCEPT\r\n");
    const std::string msg = "Subject: \xC3\xBC\r\n\r\nhi\r\n";
    CHECK(c.say("e APPEND INBOX UTF8 (" + literal(msg, "~") + ")\r\n") ==
          "* 2 EXISTS\r\n* 1 RECENT\r\ne OK [APPENDUID " + uidvalidity(f, "INBOX") +
              " 2] APPEND completed\r\n");
    CHECK(f.mail.read_message("alice", "INBOX", 2).value() == msg);
}
