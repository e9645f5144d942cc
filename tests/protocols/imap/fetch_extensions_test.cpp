// PREVIEW (RFC 8970) and SAVEDATE (RFC 8514): the grammar, the preview text
// rules and the server's answers.
#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/explanations.hpp"
#include "protocols/imap/preview.hpp"
#include "tests/protocols/imap/parse_helpers.hpp"
#include "tests/protocols/imap/server_fixture.hpp"

using namespace maillab::protocols;
using namespace maillab::protocols::imap;
using namespace maillab::protocols::imap::test;
using maillab::test::Client;
using maillab::test::simple_message;
using maillab::test::StoreFixture;

TEST_CASE("PREVIEW and SAVEDATE parse, LAZY too, beside the FETCH modifiers",
          "[imap][parser][preview]") {
    auto f = parse_as<FetchCmd>("a FETCH 1 (UID PREVIEW (LAZY) SAVEDATE)");
    REQUIRE(f.attributes.size() == 3);
    CHECK(f.attributes[1].item == FetchItem::Preview);
    CHECK(f.attributes[1].lazy);
    CHECK(f.attributes[2].item == FetchItem::SaveDate);
    CHECK_FALSE(parse_as<FetchCmd>("a FETCH 1 PREVIEW").attributes[0].lazy);
    CHECK(parse_as<FetchCmd>("a FETCH 1 preview (lazy)").attributes[0].lazy);
    // A "(" after PREVIEW that is not LAZY is the command's modifier list.
    auto m = parse_as<FetchCmd>("a FETCH 1 PREVIEW (CHANGEDSINCE 7)");
    CHECK(m.changed_since == 7u);
    CHECK_FALSE(m.attributes[0].lazy);
    CHECK(parse_bad("a FETCH 1 (PREVIEW (LAZY LAZY))").message == "FETCH: Too many list items");
    CHECK(parse_bad("a FETCH 1 (PREVIEW (FAST))").message == "FETCH: Unknown FETCH attribute");
    CHECK(explanation_name(parse_ok("a UID FETCH 1 (PREVIEW)")) == "FETCH PREVIEW");
    CHECK(explanation_name(parse_ok("a FETCH 1 SAVEDATE")) == "FETCH SAVEDATE");
    auto s = parse_as<SearchCmd>(
        "a SEARCH SAVEDBEFORE 1-Jan-2024 SAVEDON 2-Jan-2024 "
        "SAVEDSINCE 3-Jan-2024 SAVEDATESUPPORTED");
    REQUIRE(s.criteria.children.size() == 4);
    CHECK(s.criteria.children[0].kind == SearchKeyKind::SavedBefore);
    CHECK(s.criteria.children[1].date == Date{2024, 1, 2});
    CHECK(s.criteria.children[3].kind == SearchKeyKind::SavedateSupported);
    CHECK(search_key_name(SearchKeyKind::SavedSince) == "SAVEDSINCE");
    CHECK(explanation_name(parse_ok("a SEARCH SAVEDON 1-Jan-2024")) == "SEARCH SAVEDATE");
}

TEST_CASE("preview text: whitespace collapsed and trimmed, at most 256 characters",
          "[imap][preview][limits]") {
    CHECK(preview_of_text("  \r\n Hello,\r\n\r\n  world \t ") == "Hello, world");
    CHECK(preview_of_text(std::string(300, 'a')) == std::string(kMaxPreviewCharacters, 'a'));
    // Characters, not octets: 300 two-octet characters give 256 whole ones.
    std::string umlauts;
    for (int i = 0; i < 300; ++i)
        umlauts += "\xC3\xBC";
    CHECK(preview_of_text(umlauts).size() == 2 * kMaxPreviewCharacters);
    // A space that would be the 257th character is not added.
    CHECK(preview_of_text(std::string(256, 'a') + " b") == std::string(256, 'a'));
    CHECK(html_to_text("<p>Hi&nbsp;<b>there</b></p><style>p{}</style><!-- x -->&amp;<script>"
                       "no()</script>ok") == " Hi  there    & ok");
}

TEST_CASE("FETCH PREVIEW gives the first text part's opening, HTML as text",
          "[imap][server][preview]") {
    StoreFixture f;
    f.deliver("INBOX", simple_message("plain", "  Lunch at noon?\r\n\r\nBob\r\n"));
    f.deliver("INBOX",
              "Subject: html\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; b=x; "
              "boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nPNG\r\n--b\r\n"
              "Content-Type: text/html\r\n\r\n<html><body><p>Tickets\r\nattached</p></body>"
              "</html>\r\n--b--\r\n");
    f.deliver("INBOX", "Subject: none\r\nContent-Type: image/png\r\n\r\nPNG\r\n");
    Client c{f};
    c.say("s SELECT INBOX\r\n");
    CHECK(c.say("a FETCH 1:3 (PREVIEW)\r\n") ==
          "* 1 FETCH (PREVIEW \"Lunch at noon? Bob\")\r\n"
          "* 2 FETCH (PREVIEW \"Tickets attached\")\r\n"
          "* 3 FETCH (PREVIEW \"\")\r\n"
          "a OK FETCH completed\r\n");
    CHECK(c.say("b FETCH 1 (PREVIEW (LAZY))\r\n") ==
          "* 1 FETCH (PREVIEW \"Lunch at noon? Bob\")\r\nb OK FETCH completed\r\n");
    CHECK(c.session.capabilities().find(" PREVIEW") != std::string::npos);
}

TEST_CASE("FETCH PREVIEW (LAZY) of a large message is NIL unless the message is read anyway",
          "[imap][server][preview]") {
    StoreFixture f;
    f.deliver("INBOX", simple_message("small", "Short note\r\n"));
    f.deliver("INBOX", simple_message("large", "Long report\r\n" + std::string(20000, 'x')));
    Client c{f};
    c.say("s SELECT INBOX\r\n");
    // RFC 8970 §3.2: NIL says "not at hand"; the client asks again without LAZY.
    CHECK(c.say("a FETCH 1:2 (PREVIEW (LAZY))\r\n") ==
          "* 1 FETCH (PREVIEW \"Short note\")\r\n"
          "* 2 FETCH (PREVIEW NIL)\r\n"
          "a OK FETCH completed\r\n");
    CHECK(c.say("b FETCH 2 (PREVIEW)\r\n").starts_with("* 2 FETCH (PREVIEW \"Long report xxx"));
    // Read for another item anyway: the preview comes along.
    CHECK(c.say("c FETCH 2 (PREVIEW (LAZY) BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n")
              .starts_with("* 2 FETCH (PREVIEW \"Long report xxx"));
}

TEST_CASE("FETCH SAVEDATE and SEARCH SAVED* of a delivered message", "[imap][server][savedate]") {
    StoreFixture f;
    f.deliver("INBOX", simple_message("one"));  // 14-Nov-2023 22:13:20 +0000
    Client c{f};
    c.say("s SELECT INBOX\r\n");
    CHECK(c.say("a FETCH 1 (SAVEDATE)\r\n") ==
          "* 1 FETCH (SAVEDATE \"14-Nov-2023 22:13:20 +0000\")\r\na OK FETCH completed\r\n");
    CHECK(c.say("b SEARCH SAVEDON 14-Nov-2023\r\n") == "* SEARCH 1\r\nb OK SEARCH completed\r\n");
    CHECK(c.say("c SEARCH SAVEDBEFORE 14-Nov-2023\r\n") == "* SEARCH\r\nc OK SEARCH completed\r\n");
    CHECK(c.say("d SEARCH SAVEDSINCE 1-Nov-2023 SAVEDATESUPPORTED\r\n") ==
          "* SEARCH 1\r\nd OK SEARCH completed\r\n");
    CHECK(c.session.capabilities().find(" SAVEDATE") != std::string::npos);
}

namespace {

// Message 1's INTERNALDATE and SAVEDATE as the server answers them.
std::string fetch_dates(Client& c) {
    return c.say("t FETCH 1 (INTERNALDATE SAVEDATE)\r\n");
}

std::string dates_answer(const std::string& internal, const std::string& saved) {
    return "* 1 FETCH (INTERNALDATE \"" + internal + "\" SAVEDATE \"" + saved +
           "\")\r\nt OK FETCH completed\r\n";
}

}  // namespace

TEST_CASE("APPEND with a date-time is dated then but saved now", "[imap][server][savedate]") {
    StoreFixture f;
    f.config.now = [] { return std::int64_t{1700086400}; };  // 15-Nov-2023 22:13:20 +0000
    Client c{f};
    const std::string message = simple_message("old");
    CHECK(c.say("a APPEND INBOX \"01-Jan-2020 10:00:00 +0100\" {" + std::to_string(message.size()) +
                "+}\r\n" + message + "\r\n")
              .starts_with("a OK"));
    c.say("s SELECT INBOX\r\n");
    CHECK(fetch_dates(c) ==
          dates_answer(" 1-Jan-2020 09:00:00 +0000", "15-Nov-2023 22:13:20 +0000"));
    CHECK(c.say("c SEARCH SAVEDON 15-Nov-2023 ON 1-Jan-2020\r\n") ==
          "* SEARCH 1\r\nc OK SEARCH completed\r\n");
    CHECK(c.say("d SEARCH SAVEDBEFORE 15-Nov-2023\r\n") == "* SEARCH\r\nd OK SEARCH completed\r\n");
}

TEST_CASE("COPY and MOVE keep the internal date and save the copy now",
          "[imap][server][savedate]") {
    StoreFixture f;
    std::int64_t clock = 1700000000;
    f.config.now = [&clock] { return clock; };
    f.deliver("INBOX", simple_message("one"));  // 14-Nov-2023 22:13:20 +0000
    f.deliver("INBOX", simple_message("two"));
    Client c{f};
    c.say("s SELECT INBOX\r\n");
    clock = 1700172800;  // 16-Nov-2023 22:13:20 +0000
    CHECK(c.say("a COPY 1 Archive\r\n").starts_with("a OK"));
    clock = 1700259200;  // 17-Nov-2023 22:13:20 +0000
    CHECK(c.say("b MOVE 2 Trash\r\n").find("b OK") != std::string::npos);
    // The original stays as it was saved.
    CHECK(c.say("c FETCH 1 (SAVEDATE)\r\n") ==
          "* 1 FETCH (SAVEDATE \"14-Nov-2023 22:13:20 +0000\")\r\nc OK FETCH completed\r\n");

    c.say("d SELECT Archive\r\n");
    CHECK(fetch_dates(c) ==
          dates_answer("14-Nov-2023 22:13:20 +0000", "16-Nov-2023 22:13:20 +0000"));
    CHECK(c.say("f SEARCH SAVEDSINCE 16-Nov-2023 ON 14-Nov-2023\r\n") ==
          "* SEARCH 1\r\nf OK SEARCH completed\r\n");
    CHECK(c.say("g SEARCH SAVEDON 14-Nov-2023\r\n") == "* SEARCH\r\ng OK SEARCH completed\r\n");

    c.say("h SELECT Trash\r\n");
    CHECK(fetch_dates(c) ==
          dates_answer("14-Nov-2023 22:13:20 +0000", "17-Nov-2023 22:13:20 +0000"));
}
