#include "protocols/smtp/reply.hpp"

#include <catch2/catch.hpp>

#include "tests/support/chunking.hpp"

using namespace maillab::protocols::smtp;

TEST_CASE("format_reply with and without an enhanced code") {
    REQUIRE(format_reply(250, "2.1.0", "Ok") == "250 2.1.0 Ok\r\n");
    REQUIRE(format_reply(354, "", "Go ahead") == "354 Go ahead\r\n");
    REQUIRE(format_multiline_reply(250, {"mx", "PIPELINING", "SIZE 10"}) ==
            "250-mx\r\n250-PIPELINING\r\n250 SIZE 10\r\n");
}

TEST_CASE("leading_enhanced_code") {
    REQUIRE(leading_enhanced_code("5.1.1 no such user") == "5.1.1");
    REQUIRE(leading_enhanced_code("2.0.0") == "2.0.0");
    REQUIRE(leading_enhanced_code("4.123.456 x") == "4.123.456");
    REQUIRE_FALSE(leading_enhanced_code("Ok"));
    REQUIRE_FALSE(leading_enhanced_code("3.1.1 x"));
    REQUIRE_FALSE(leading_enhanced_code("5.1.1x"));
    REQUIRE_FALSE(leading_enhanced_code("5.1234.1 x"));
}

TEST_CASE("ReplyParser reads multi-line replies under any chunking") {
    const std::string bytes =
        "220 mx ESMTP\r\n250-mx\r\n250-PIPELINING\r\n250 CHUNKING\r\n550 5.1.1 <x@y>: unknown\r\n";
    using Replies = std::vector<Reply>;
    const auto results = maillab::test::under_all_chunkings<Replies>(bytes, [](const auto& feed) {
        ReplyParser parser;
        Replies out;
        feed([&](std::string_view b) {
            parser.feed(b);
            while (auto r = parser.next()) {
                REQUIRE(r->ok);
                out.push_back(r->reply);
            }
        });
        return out;
    });
    for (const auto& r : results)
        REQUIRE(r == results.front());
    const Replies& replies = results.front();
    REQUIRE(replies.size() == 3);
    REQUIRE(replies[1].code == 250);
    REQUIRE(replies[1].lines == std::vector<std::string>{"mx", "PIPELINING", "CHUNKING"});
    REQUIRE(replies[2].enhanced == "5.1.1");
    REQUIRE(replies[2].permanent());
    REQUIRE(replies[2].wire() == "550 5.1.1 <x@y>: unknown\r\n");
    REQUIRE(replies[2].text() == "5.1.1 <x@y>: unknown");
}

TEST_CASE("ReplyParser refuses broken replies and stays failed") {
    auto first = [](std::string_view bytes) {
        ReplyParser p;
        p.feed(bytes);
        auto r = p.next();
        REQUIRE(r);
        REQUIRE_FALSE(r->ok);
        REQUIRE(p.failed());
        p.feed("250 ok\r\n");
        REQUIRE_FALSE(p.next());
    };
    first("hello\r\n");
    first("25\r\n");
    first("250x\r\n");
    first("650 nope\r\n");
    first("250-a\r\n251 b\r\n");
}

TEST_CASE("ReplyParser limits: line length and line count") {
    {
        ReplyParser p;
        p.feed("250 " + std::string(kMaxReplyLineOctets - 4, 'a') + "\r\n");
        REQUIRE(p.next()->ok);
        p.feed("250 " + std::string(kMaxReplyLineOctets - 3, 'a') + "\r\n");
        REQUIRE_FALSE(p.next()->ok);
    }
    {
        ReplyParser p;
        std::string many;
        for (std::size_t i = 0; i + 1 < kMaxReplyLines; ++i)
            many += "250-x\r\n";
        p.feed(many + "250 end\r\n");
        auto r = p.next();
        REQUIRE(r->ok);
        REQUIRE(r->reply.lines.size() == kMaxReplyLines);
        p.feed(many + "250-x\r\n250 end\r\n");
        REQUIRE_FALSE(p.next()->ok);
    }
}
