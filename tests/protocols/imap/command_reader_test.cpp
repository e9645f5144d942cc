#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "protocols/imap/command_reader.hpp"
#include "tests/support/chunking.hpp"

using namespace maillab::protocols::imap;
using maillab::test::Feeder;

namespace {

// Feeds everything, then drains every result.
std::vector<ReadResult> read_all(std::string_view bytes) {
    CommandReader reader;
    reader.feed(bytes);
    std::vector<ReadResult> out;
    while (auto r = reader.next())
        out.push_back(std::move(*r));
    return out;
}

ReadResult complete(std::string text) {
    ReadResult r;
    r.text = std::move(text);
    return r;
}

ReadResult cont(std::string tag) {
    ReadResult r;
    r.kind = ReadKind::Continue;
    r.tag = std::move(tag);
    return r;
}

ReadResult err(ReadError e, std::string tag, bool sync = false) {
    ReadResult r;
    r.kind = ReadKind::Error;
    r.error = e;
    r.tag = std::move(tag);
    r.synchronising = sync;
    return r;
}

}  // namespace

TEST_CASE("reader yields one command per line and ignores empty lines", "[imap][reader]") {
    auto out = read_all("a1 NOOP\r\n\r\na2 CAPABILITY\na3 LOGOUT\r\n");
    CHECK(out == std::vector<ReadResult>{complete("a1 NOOP"), complete("a2 CAPABILITY"),
                                         complete("a3 LOGOUT")});
}

TEST_CASE("synchronising literal asks for a continuation first", "[imap][reader]") {
    CommandReader reader;
    reader.feed("a1 LOGIN {4}\r\n");
    CHECK(reader.next() == cont("a1"));
    CHECK(reader.state() == ReaderState::Literal);
    CHECK(reader.literal_remaining() == 4);
    CHECK_FALSE(reader.next());
    reader.feed("user {6}\r\n");
    CHECK(reader.next() == cont("a1"));
    reader.feed("secret\r\n");
    CHECK(reader.next() == complete("a1 LOGIN {4}\r\nuser {6}\r\nsecret"));
    CHECK(reader.state() == ReaderState::Idle);
}

TEST_CASE("non-synchronising literal needs no continuation", "[imap][reader]") {
    auto out = read_all("a1 APPEND INBOX {5+}\r\nhello\r\na2 NOOP\r\n");
    CHECK(out ==
          std::vector<ReadResult>{complete("a1 APPEND INBOX {5+}\r\nhello"), complete("a2 NOOP")});
}

TEST_CASE("literal octets are raw: CRLF, braces and quotes inside are data", "[imap][reader]") {
    auto out = read_all("a LOGIN {8+}\r\nx\r\n{3}\r\n \"p\"\r\n");
    CHECK(out == std::vector<ReadResult>{complete("a LOGIN {8+}\r\nx\r\n{3}\r\n \"p\"")});
}

TEST_CASE("a brace inside a quoted string is not a literal", "[imap][reader]") {
    auto out = read_all("a LOGIN user \"pw {5}\"\r\na SELECT \"x\\\" {2}\"\r\n");
    CHECK(out == std::vector<ReadResult>{complete("a LOGIN user \"pw {5}\""),
                                         complete("a SELECT \"x\\\" {2}\"")});
}

TEST_CASE("literal exactly at the limit is accepted, one more is refused", "[imap][reader]") {
    const std::string at = std::to_string(kMaxLiteralOctets);
    const std::string over = std::to_string(kMaxLiteralOctets + 1);
    CommandReader reader;
    reader.feed("a LOGIN u {" + at + "+}\r\n" + std::string(kMaxLiteralOctets, 'x') + "\r\n");
    auto r = reader.next();
    REQUIRE(r);
    CHECK(r->kind == ReadKind::Complete);
    CHECK(r->text.size() == std::string{"a LOGIN u {" + at + "+}\r\n"}.size() + kMaxLiteralOctets);

    auto out = read_all("a LOGIN u {" + over + "}\r\nb NOOP\r\n");
    CHECK(out ==
          std::vector<ReadResult>{err(ReadError::LiteralTooBig, "a", true), complete("b NOOP")});
}

TEST_CASE("APPEND has its own, larger literal limit", "[imap][reader]") {
    CommandReader reader;
    reader.feed("a APPEND INBOX {" + std::to_string(kMaxAppendLiteralOctets) + "}\r\n");
    CHECK(reader.next() == cont("a"));
    CHECK(reader.literal_remaining() == kMaxAppendLiteralOctets);

    auto out = read_all("a APPEND INBOX {" + std::to_string(kMaxAppendLiteralOctets + 1) +
                        "}\r\nb NOOP\r\n");
    CHECK(out ==
          std::vector<ReadResult>{err(ReadError::LiteralTooBig, "a", true), complete("b NOOP")});
}

TEST_CASE("literal sizes of 4294967296 and 99999999999999999999 never allocate", "[imap][reader]") {
    for (const char* size : {"4294967296", "99999999999999999999", "18446744073709551616"}) {
        INFO(size);
        auto sync = read_all(std::string{"t1 APPEND INBOX {"} + size + "}\r\nt2 NOOP\r\n");
        CHECK(sync == std::vector<ReadResult>{err(ReadError::LiteralTooBig, "t1", true),
                                              complete("t2 NOOP")});
        CommandReader reader;
        reader.feed(std::string{"t1 APPEND INBOX {"} + size + "+}\r\nxxxx");
        CHECK(reader.next() == err(ReadError::LiteralTooBigClose, "t1"));
        CHECK(reader.state() == ReaderState::Closed);
        reader.feed("t2 NOOP\r\n");
        CHECK_FALSE(reader.next());
    }
}

TEST_CASE("too-big non-synchronising literal is counted away, then refused", "[imap][reader]") {
    const std::uint64_t size = kMaxLiteralOctets + 10;
    CommandReader reader;
    reader.feed("a LOGIN u {" + std::to_string(size) + "+}\r\n");
    CHECK_FALSE(reader.next());
    CHECK(reader.state() == ReaderState::Discarding);
    CHECK(reader.literal_remaining() == size);
    // The octets arrive in pieces; none of them is kept.
    for (std::uint64_t sent = 0; sent < size; sent += 1000) {
        reader.feed(
            std::string(static_cast<std::size_t>(std::min<std::uint64_t>(1000, size - sent)), 'z'));
        CHECK_FALSE(reader.next());
    }
    CHECK(reader.literal_remaining() == 0);
    reader.feed(" more {2+}\r\nab\r\nb NOOP\r\n");
    CHECK(reader.next() == err(ReadError::LiteralTooBig, "a"));
    CHECK(reader.next() == complete("b NOOP"));
}

TEST_CASE("a too-big non-synchronising literal beyond the discard budget closes",
          "[imap][reader]") {
    CommandReader reader;
    reader.feed("a APPEND INBOX {" + std::to_string(kMaxDiscardOctets + 1) + "+}\r\n");
    CHECK(reader.next() == err(ReadError::LiteralTooBigClose, "a"));
    CHECK(reader.state() == ReaderState::Closed);
}

TEST_CASE("announced but unsent literal leaves the reader waiting", "[imap][reader]") {
    CommandReader reader;
    reader.feed("a APPEND INBOX {100}\r\n");
    CHECK(reader.next() == cont("a"));
    reader.feed("only part");
    CHECK_FALSE(reader.next());
    CHECK(reader.state() == ReaderState::Literal);
    CHECK(reader.literal_remaining() == 100 - 9);
}

TEST_CASE("line longer than kMaxLineOctets gives BAD and resynchronises", "[imap][reader]") {
    const std::string at_limit = "a NOOP " + std::string(kMaxLineOctets - 7, 'x');
    auto ok = read_all(at_limit + "\r\n");
    REQUIRE(ok.size() == 1);
    CHECK(ok[0].kind == ReadKind::Complete);

    auto out = read_all("a1 NOOP " + std::string(kMaxLineOctets, 'x') + "\r\na2 NOOP\r\n");
    CHECK(out == std::vector<ReadResult>{err(ReadError::LineTooLong, "a1"), complete("a2 NOOP")});

    auto untagged = read_all(std::string(kMaxLineOctets + 5, '(') + "\r\nb NOOP\r\n");
    CHECK(untagged == std::vector<ReadResult>{err(ReadError::LineTooLong, ""), complete("b NOOP")});
}

TEST_CASE("the line limit counts every line of a command but no literal octets", "[imap][reader]") {
    const std::string half(kMaxLineOctets / 2, 'y');
    auto out = read_all("a LOGIN " + half + " {3+}\r\nabc " + half + "\r\nb NOOP\r\n");
    CHECK(out == std::vector<ReadResult>{err(ReadError::LineTooLong, "a"), complete("b NOOP")});
}

TEST_CASE("expect_line returns the next line raw", "[imap][reader]") {
    CommandReader reader;
    reader.feed("a AUTHENTICATE PLAIN\r\nAHVzZXIAcGFzcw==\r\nb IDLE\r\nDONE\r\n");
    CHECK(reader.next() == complete("a AUTHENTICATE PLAIN"));
    reader.expect_line();
    auto line = reader.next();
    REQUIRE(line);
    CHECK(line->kind == ReadKind::Line);
    CHECK(line->text == "AHVzZXIAcGFzcw==");
    CHECK(reader.next() == complete("b IDLE"));
    reader.expect_line();
    CHECK(reader.next()->text == "DONE");
}

TEST_CASE("discard_buffered drops pipelined plaintext", "[imap][reader]") {
    CommandReader reader;
    reader.feed("a STARTTLS\r\nb LOGIN u p\r\n");
    CHECK(reader.next() == complete("a STARTTLS"));
    reader.discard_buffered();
    CHECK_FALSE(reader.next());
    CHECK(reader.state() == ReaderState::Idle);
}

TEST_CASE("the reader gives the same results under every chunking", "[imap][reader][chunking]") {
    const std::string session =
        "a1 CAPABILITY\r\n"
        "a2 LOGIN {4}\r\nuser {8+}\r\npa\r\nss\"}\r\n"
        "a3 APPEND Sent (\\Seen) {12}\r\nSubject: x\r\n\r\n"
        "a4 LOGIN u {" +
        std::to_string(kMaxLiteralOctets + 1) + "+}\r\n" + std::string(kMaxLiteralOctets + 1, 'q') +
        "\r\n"
        "a5 NOOP " +
        std::string(kMaxLineOctets + 3, 'l') +
        "\r\n"
        "a6 SEARCH {99999999999999999999}\r\n"
        "a7 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5)\n"
        "a8 LOGOUT\r\n";
    const auto results = maillab::test::under_all_chunkings<std::vector<ReadResult>>(
        session, [](const std::function<void(const Feeder&)>& feed_with) {
            CommandReader reader;
            std::vector<ReadResult> out;
            feed_with([&](std::string_view chunk) {
                reader.feed(chunk);
                while (auto r = reader.next())
                    out.push_back(std::move(*r));
            });
            return out;
        });
    const std::vector<ReadResult> expected = {
        complete("a1 CAPABILITY"),
        cont("a2"),
        complete("a2 LOGIN {4}\r\nuser {8+}\r\npa\r\nss\"}"),
        cont("a3"),
        complete("a3 APPEND Sent (\\Seen) {12}\r\nSubject: x\r\n"),
        err(ReadError::LiteralTooBig, "a4"),
        err(ReadError::LineTooLong, "a5"),
        err(ReadError::LiteralTooBig, "a6", true),
        complete("a7 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5)"),
        complete("a8 LOGOUT"),
    };
    for (const auto& r : results)
        CHECK(r == expected);
}
