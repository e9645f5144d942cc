#include "protocols/smtp/data_reader.hpp"

#include <catch2/catch.hpp>
#include <tuple>

#include "tests/support/chunking.hpp"

using namespace maillab::protocols::smtp;

namespace {

struct ReadResult {
    bool done = false;
    DataReader::Outcome outcome = DataReader::Outcome::Ok;
    std::string message;
    std::string rest;  // input after the end of data
    bool operator==(const ReadResult&) const = default;
};

// Feeds `input` under every chunking, requires the same result each time, returns it.
ReadResult read(std::string_view input, std::size_t limit = 1 << 20) {
    const auto results =
        maillab::test::under_all_chunkings<ReadResult>(input, [&](const auto& feed) {
            DataReader reader{limit};
            ReadResult r;
            feed([&](std::string_view bytes) {
                if (reader.done()) {
                    r.rest.append(bytes);
                    return;
                }
                const std::size_t used = reader.feed(bytes);
                r.rest.append(bytes.substr(used));
            });
            r.done = reader.done();
            r.outcome = reader.outcome();
            r.message = reader.take_message();
            return r;
        });
    for (const auto& r : results)
        REQUIRE(r == results.front());
    return results.front();
}

}  // namespace

TEST_CASE("DATA ends only at CRLF.CRLF and leaves what follows") {
    const auto r = read("Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n");
    REQUIRE(r.done);
    REQUIRE(r.outcome == DataReader::Outcome::Ok);
    REQUIRE(r.message == "Subject: hi\r\n\r\nbody\r\n");
    REQUIRE(r.rest == "QUIT\r\n");
}

TEST_CASE("an empty message is just the dot") {
    const auto r = read(".\r\n");
    REQUIRE(r.done);
    REQUIRE(r.message.empty());
}

TEST_CASE("dot-unstuffing") {
    const auto r = read("..leading\r\n...\r\n.x\r\nmid.dle\r\n.\r\n");
    REQUIRE(r.message == ".leading\r\n..\r\nx\r\nmid.dle\r\n");
}

TEST_CASE("SMTP smuggling: bare LF or CR around the dot never ends DATA") {
    for (const char* trick :
         {"\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n", "\r.\r\n", "\n.\r", "\r\n.\r", "\r\n.\rX\r\n"}) {
        INFO(trick);
        const std::string input = std::string{"a"} + trick + "MAIL FROM:<evil@x.test>\r\n";
        const auto r = read(input);
        REQUIRE_FALSE(r.done);
        REQUIRE(r.rest.empty());
        // When the honest end comes, the message is refused for its bare line ends.
        const auto ended = read(input + "\r\n.\r\n");
        REQUIRE(ended.done);
        REQUIRE(ended.outcome == DataReader::Outcome::BareLineEnding);
        REQUIRE(ended.message.empty());
    }
}

TEST_CASE("bare LF and bare CR inside the message refuse it") {
    REQUIRE(read("line\nline\r\n.\r\n").outcome == DataReader::Outcome::BareLineEnding);
    REQUIRE(read("line\rline\r\n.\r\n").outcome == DataReader::Outcome::BareLineEnding);
    REQUIRE(read(".\n\r\n.\r\n").outcome == DataReader::Outcome::BareLineEnding);
    REQUIRE(read("ok\r\r\n.\r\n").outcome == DataReader::Outcome::BareLineEnding);
}

TEST_CASE("NUL bytes are message data") {
    const auto r = read(std::string{"a\0b\r\n.\r\n", 8});
    REQUIRE(r.outcome == DataReader::Outcome::Ok);
    REQUIRE(r.message == std::string{"a\0b\r\n", 5});
}

TEST_CASE("long lines: accepted unsplit up to kMaxDataLineOctets, refused beyond") {
    const std::string ok_line(kMaxDataLineOctets, 'x');
    const auto ok = read(ok_line + "\r\n.\r\n");
    REQUIRE(ok.outcome == DataReader::Outcome::Ok);
    REQUIRE(ok.message == ok_line + "\r\n");
    const auto stuffed = read("." + ok_line.substr(1) + "\r\n.\r\n");
    REQUIRE(stuffed.outcome == DataReader::Outcome::Ok);
    const auto too_long = read(ok_line + "y\r\n.\r\n");
    REQUIRE(too_long.done);
    REQUIRE(too_long.outcome == DataReader::Outcome::LineTooLong);
    REQUIRE(too_long.message.empty());
    REQUIRE(read(std::string(1001, 'z') + "\r\n.\r\n").outcome == DataReader::Outcome::Ok);
}

TEST_CASE("size limit: read to the end, then refuse") {
    const std::string body = "0123456789\r\n";  // 12 octets
    REQUIRE(read(body + ".\r\n", 12).outcome == DataReader::Outcome::Ok);
    const auto big = read(body + ".\r\nNOOP\r\n", 11);
    REQUIRE(big.done);
    REQUIRE(big.outcome == DataReader::Outcome::TooBig);
    REQUIRE(big.message.empty());
    REQUIRE(big.rest == "NOOP\r\n");
}

TEST_CASE("memory stays bounded by the size limit") {
    DataReader reader{1000};
    const std::string chunk(4096, 'a');
    for (int i = 0; i < 100; ++i)
        reader.feed(chunk + "\r\n");
    REQUIRE(reader.message_octets() > 400000);
    reader.feed(".\r\n");
    REQUIRE(reader.outcome() == DataReader::Outcome::TooBig);
    REQUIRE(reader.take_message().empty());
}

TEST_CASE("dot_stuff is the inverse of the reader") {
    const std::string message = ".hidden\r\nnormal\n..two\rlast";
    const std::string wire = dot_stuff(message);
    REQUIRE(wire == "..hidden\r\nnormal\r\n...two\r\nlast\r\n");
    const auto r = read(wire + ".\r\n");
    REQUIRE(r.outcome == DataReader::Outcome::Ok);
    REQUIRE(r.message == normalize_line_ends(message));
    REQUIRE(normalize_line_ends("").empty());
}
