#include "protocols/core/line_framer.hpp"

#include <catch2/catch.hpp>

#include "tests/support/chunking.hpp"

using maillab::protocols::core::BareLfPolicy;
using maillab::protocols::core::FramedLine;
using maillab::protocols::core::FramerLimits;
using maillab::protocols::core::LineFramer;
using maillab::protocols::core::LineStatus;
using maillab::test::Feeder;

namespace {

std::vector<FramedLine> frame(std::string_view input, FramerLimits limits,
                              const std::function<void(const Feeder&)>& feeder) {
    LineFramer framer{limits};
    std::vector<FramedLine> lines;
    feeder([&](std::string_view chunk) {
        framer.feed(chunk);
        while (auto line = framer.next_line())
            lines.push_back(*line);
    });
    (void)input;
    return lines;
}

std::vector<FramedLine> frame_all_ways(std::string_view input, FramerLimits limits) {
    auto results = maillab::test::under_all_chunkings<std::vector<FramedLine>>(
        input, [&](const auto& feeder) { return frame(input, limits, feeder); });
    for (const auto& r : results)
        REQUIRE(r == results.front());
    return results.front();
}

FramedLine ok(std::string text) {
    return {LineStatus::Complete, std::move(text)};
}

}  // namespace

TEST_CASE("CRLF lines come out whole whatever the chunking") {
    const auto lines = frame_all_ways("EHLO a\r\nMAIL FROM:<x@y>\r\n\r\nQUIT\r\n", {});
    REQUIRE(lines ==
            std::vector<FramedLine>{ok("EHLO a"), ok("MAIL FROM:<x@y>"), ok(""), ok("QUIT")});
}

TEST_CASE("an unterminated line is held until its terminator arrives") {
    LineFramer framer;
    framer.feed("NOOP\r");
    REQUIRE_FALSE(framer.next_line());
    framer.feed("\n");
    REQUIRE(framer.next_line() == ok("NOOP"));
    REQUIRE(framer.buffered() == 0);
}

TEST_CASE("bare LF is reported under the Reject policy") {
    const auto lines = frame_all_ways("RSET\nNOOP\r\n", {100, BareLfPolicy::Reject});
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0] == FramedLine{LineStatus::BareLf, "RSET"});
    REQUIRE(lines[1] == ok("NOOP"));
}

TEST_CASE("bare LF ends a line under the Accept policy") {
    const auto lines = frame_all_ways("a001 NOOP\na002 LOGOUT\r\n", {100, BareLfPolicy::Accept});
    REQUIRE(lines == std::vector<FramedLine>{ok("a001 NOOP"), ok("a002 LOGOUT")});
}

TEST_CASE("a bare CR stays inside the line") {
    const auto lines = frame_all_ways("A\rB\r\n", {});
    REQUIRE(lines == std::vector<FramedLine>{ok("A\rB")});
}

TEST_CASE("a line of exactly the limit is complete, one more octet is too long") {
    const std::string at_limit(10, 'x');
    REQUIRE(frame_all_ways(at_limit + "\r\n", {10}) == std::vector<FramedLine>{ok(at_limit)});
    const auto over = frame_all_ways(at_limit + "y\r\nNEXT\r\n", {10});
    REQUIRE(over.size() == 2);
    REQUIRE(over[0].status == LineStatus::TooLong);
    REQUIRE(over[1] == ok("NEXT"));
}

TEST_CASE("an over-long line is reported once and the framer resynchronises") {
    const std::string huge(100000, 'A');
    const auto lines = frame_all_ways("HELO x\r\n" + huge + "\r\nQUIT\r\n", {512});
    REQUIRE(lines.size() == 3);
    REQUIRE(lines[0] == ok("HELO x"));
    REQUIRE(lines[1].status == LineStatus::TooLong);
    REQUIRE(lines[1].text == std::string(LineFramer::kTooLongPrefixOctets, 'A'));
    REQUIRE(lines[2] == ok("QUIT"));
}

TEST_CASE("an endless line never makes the buffer grow past the limit") {
    LineFramer framer{{512}};
    for (int i = 0; i < 10000; ++i) {
        framer.feed(std::string(1000, 'z'));
        REQUIRE_FALSE(framer.next_line());
        REQUIRE(framer.buffered() <= 513);
    }
    framer.feed("\r\n");
    REQUIRE(framer.next_line()->status == LineStatus::TooLong);
}

TEST_CASE("raw reads take bytes straight from the buffer, then lines resume") {
    LineFramer framer;
    framer.feed("A1 APPEND INBOX {5}\r\nhel");
    REQUIRE(framer.next_line() == ok("A1 APPEND INBOX {5}"));
    REQUIRE(framer.take_raw(5) == "hel");
    framer.feed("lo\r\nA2 NOOP\r\n");
    REQUIRE(framer.take_raw(2) == "lo");
    REQUIRE(framer.next_line() == ok(""));
    REQUIRE(framer.next_line() == ok("A2 NOOP"));
}

TEST_CASE("discarding the buffer drops pipelined plaintext") {
    LineFramer framer;
    framer.feed("STARTTLS\r\nMAIL FROM:<evil@x>\r\n");
    REQUIRE(framer.next_line() == ok("STARTTLS"));
    framer.discard_buffered();
    REQUIRE(framer.buffered() == 0);
    REQUIRE_FALSE(framer.next_line());
}

TEST_CASE("NUL bytes and 8-bit data pass through as data") {
    const std::string line{"a\0b\xff", 4};
    REQUIRE(frame_all_ways(line + "\r\n", {}) == std::vector<FramedLine>{ok(line)});
}
