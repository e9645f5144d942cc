#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/date_time.hpp"
#include "protocols/imap/lexer.hpp"

using namespace maillab::protocols::imap;

TEST_CASE("quoted strings unescape \" and  and refuse other escapes", "[imap][lexer]") {
    Lexer a{R"("a \"b\" c\\d")"};
    auto s = a.quoted();
    REQUIRE(s);
    CHECK(*s == R"(a "b" c\d)");
    CHECK(a.at_end());

    Lexer empty{R"("")"};
    CHECK(empty.quoted() == std::string{});

    Lexer bad_escape{R"("a\n")"};
    CHECK_FALSE(bad_escape.quoted());
    CHECK(bad_escape.failed());

    Lexer unterminated{R"("abc)"};
    CHECK_FALSE(unterminated.quoted());
    Lexer backslash_at_end{"\"abc\\"};
    CHECK_FALSE(backslash_at_end.quoted());
}

TEST_CASE("quoted strings refuse 8-bit, NUL, CR and LF", "[imap][lexer]") {
    for (std::string bad : {std::string{"\"caf\xc3\xa9\""}, std::string{"\"a\0b\"", 5},
                            std::string{"\"a\rb\""}, std::string{"\"a\nb\""}}) {
        Lexer lx{bad};
        CHECK_FALSE(lx.quoted());
        CHECK(lx.failed());
    }
}

TEST_CASE("literals, synchronising and non-synchronising", "[imap][lexer]") {
    Lexer sync{"{5}\r\nhello rest"};
    CHECK(sync.literal() == std::string{"hello"});
    CHECK(sync.remaining() == " rest");

    Lexer nonsync{"{3+}\r\na\"b"};
    CHECK(nonsync.literal() == std::string{"a\"b"});

    Lexer zero{"{0}\r\n"};
    CHECK(zero.literal() == std::string{});

    Lexer shorter{"{10}\r\nabc"};
    CHECK_FALSE(shorter.literal());

    const std::string with_nul{"{3}\r\na\0b", 8};  // the lexer only views its input
    Lexer nul{with_nul};
    CHECK_FALSE(nul.literal());

    Lexer overflow{"{99999999999999999999}\r\n"};
    CHECK_FALSE(overflow.literal());
    CHECK(overflow.error() == "Invalid literal size");

    Lexer no_crlf{"{3}abc"};
    CHECK_FALSE(no_crlf.literal());
}

TEST_CASE("astring, nstring, atom and list-mailbox", "[imap][lexer]") {
    Lexer a{"INBOX]x \"quoted\" {2}\r\nab NIL \"x\" Sent/% *"};
    CHECK(a.astring() == std::string{"INBOX]x"});
    REQUIRE(a.sp());
    CHECK(a.astring() == std::string{"quoted"});
    REQUIRE(a.sp());
    CHECK(a.astring() == std::string{"ab"});
    REQUIRE(a.sp());
    auto nil = a.nstring();
    REQUIRE(nil);
    CHECK_FALSE(nil->has_value());
    REQUIRE(a.sp());
    auto x = a.nstring();
    REQUIRE((x && x->has_value()));
    CHECK(**x == "x");
    REQUIRE(a.sp());
    CHECK(a.list_mailbox() == std::string{"Sent/%"});
    REQUIRE(a.sp());
    CHECK(a.list_mailbox() == std::string{"*"});
    CHECK(a.at_end());

    Lexer paren{"(abc"};
    CHECK_FALSE(paren.astring());
    Lexer star{"a*b"};
    CHECK(star.atom() == std::string_view{"a"});
}

TEST_CASE("numbers are overflow-checked", "[imap][lexer]") {
    Lexer max32{"4294967295"};
    CHECK(max32.number() == 4294967295u);
    Lexer over32{"4294967296"};
    CHECK_FALSE(over32.number());
    CHECK(over32.error() == "Number too large");
    Lexer zero{"0"};
    CHECK_FALSE(zero.nz_number());
    Lexer big{"9223372036854775807"};
    CHECK(big.number64() == 9223372036854775807ULL);
    Lexer over63{"9223372036854775808"};
    CHECK_FALSE(over63.number64());
    Lexer huge{"99999999999999999999999999"};
    CHECK_FALSE(huge.number64());
    CHECK(parse_decimal("18446744073709551615", UINT64_MAX) == UINT64_MAX);
    CHECK_FALSE(parse_decimal("18446744073709551616", UINT64_MAX));
    CHECK_FALSE(parse_decimal("", 10));
    CHECK_FALSE(parse_decimal("1a", 100));
}

TEST_CASE("tags are ASTRING-CHARs without '+'", "[imap][lexer]") {
    Lexer good{"a001 NOOP"};
    CHECK(good.tag() == std::string_view{"a001"});
    Lexer plus{"+a NOOP"};
    CHECK_FALSE(plus.tag());
    Lexer paren{"(a NOOP"};
    CHECK_FALSE(paren.tag());
    Lexer bracket{"a]1 NOOP"};
    CHECK(bracket.tag() == std::string_view{"a]1"});
    CHECK_FALSE(is_tag_char('*'));
    CHECK_FALSE(is_tag_char('%'));
    CHECK_FALSE(is_tag_char('"'));
    CHECK_FALSE(is_tag_char('\x80'));
}

TEST_CASE("dates and date-times", "[imap][lexer]") {
    CHECK(parse_date_text("1-Feb-1994") == Date{1994, 2, 1});
    CHECK(parse_date_text("29-feb-2024") == Date{2024, 2, 29});
    CHECK_FALSE(parse_date_text("29-Feb-2023"));
    CHECK_FALSE(parse_date_text("32-Jan-2020"));
    CHECK_FALSE(parse_date_text("1-Foo-2020"));
    CHECK_FALSE(parse_date_text("1-Feb-94"));
    CHECK_FALSE(parse_date_text("Feb-1-1994"));

    auto dt = parse_date_time_text("17-Jul-1996 02:44:25 -0700");
    REQUIRE(dt);
    CHECK(dt->date == Date{1996, 7, 17});
    CHECK(dt->hour == 2);
    CHECK(dt->zone_minutes == -420);
    CHECK(parse_date_time_text(" 7-Jul-1996 02:44:25 +0130")->zone_minutes == 90);
    CHECK_FALSE(parse_date_time_text("17-Jul-1996 24:44:25 -0700"));
    CHECK_FALSE(parse_date_time_text("17-Jul-1996 02:44:25 0700"));
    CHECK_FALSE(parse_date_time_text("17-Jul-1996"));

    CHECK(format_date_time(*parse_date_time_text(" 7-Jul-1996 02:44:25 +0130")) ==
          "\" 7-Jul-1996 02:44:25 +0130\"");
    CHECK(format_date_time(*dt) == "\"17-Jul-1996 02:44:25 -0700\"");
}
