#include "protocols/pop3/response.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::pop3;

TEST_CASE("Status lines carry RFC 2449 response codes in brackets") {
    CHECK(ok_line("") == "+OK\r\n");
    CHECK(ok_line("2 320") == "+OK 2 320\r\n");
    CHECK(err_line("no such message") == "-ERR no such message\r\n");
    CHECK(err_line("locked", RespCode::InUse) == "-ERR [IN-USE] locked\r\n");
    CHECK(err_line("later", RespCode::LoginDelay) == "-ERR [LOGIN-DELAY] later\r\n");
    CHECK(err_line("oops", RespCode::SysTemp) == "-ERR [SYS/TEMP] oops\r\n");
    CHECK(err_line("no", RespCode::Auth) == "-ERR [AUTH] no\r\n");
}

TEST_CASE("Multi-line responses byte-stuff lines that start with a dot") {
    CHECK(dot_stuff("a\r\n.b\r\n.\r\n..\r\nc\r\n") == "a\r\n..b\r\n..\r\n...\r\nc\r\n.\r\n");
    CHECK(dot_stuff("") == ".\r\n");
    CHECK(dot_stuff("no final newline") == "no final newline\r\n.\r\n");
    CHECK(multiline("list", {"1 10", ".x"}) == "+OK list\r\n1 10\r\n..x\r\n.\r\n");
}

TEST_CASE("TOP sends the headers, the blank line and n body lines") {
    const std::string msg = "A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\n";
    CHECK(top_of_message(msg, 0) == "A: 1\r\nB: 2\r\n\r\n");
    CHECK(top_of_message(msg, 2) == "A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n");
    CHECK(top_of_message(msg, 99) == msg);
    CHECK(top_of_message("A: 1\r\n", 5) == "A: 1\r\n");
}

TEST_CASE("The client-side reader parses status lines and un-stuffs bodies") {
    ResponseReader reader;
    reader.expect(true);
    CHECK(reader.on_line("+OK 12 octets") == ResponseReader::Status::NeedMore);
    CHECK(reader.on_line("..dot") == ResponseReader::Status::NeedMore);
    CHECK(reader.on_line("plain") == ResponseReader::Status::NeedMore);
    CHECK(reader.on_line(".") == ResponseReader::Status::Done);
    CHECK(reader.response().ok);
    CHECK(reader.response().text == "12 octets");
    CHECK(reader.response().body == ".dot\r\nplain\r\n");

    reader.expect(true);
    CHECK(reader.on_line("-ERR [IN-USE] busy") == ResponseReader::Status::Done);
    CHECK_FALSE(reader.response().ok);
    CHECK(reader.response().code == RespCode::InUse);
    CHECK(reader.response().text == "busy");

    reader.expect(false);
    CHECK(reader.on_line("+ ") == ResponseReader::Status::Done);
    CHECK(reader.response().continuation);

    reader.expect(false);
    CHECK(reader.on_line("* OK imap?") == ResponseReader::Status::Error);
    reader.expect(false);
    CHECK(reader.on_line("+OKAY") == ResponseReader::Status::Error);
}

TEST_CASE("kMaxResponseOctets: a multi-line response cannot grow without bound") {
    ResponseReader reader;
    reader.expect(true);
    REQUIRE(reader.on_line("+OK") == ResponseReader::Status::NeedMore);
    const std::string line(kMaxResponseLineOctets - 2, 'x');
    ResponseReader::Status status = ResponseReader::Status::NeedMore;
    std::size_t lines = 0;
    while (status == ResponseReader::Status::NeedMore &&
           lines < 2 * kMaxResponseOctets / line.size()) {
        status = reader.on_line(line);
        ++lines;
    }
    CHECK(status == ResponseReader::Status::Error);
    CHECK(lines == kMaxResponseOctets / kMaxResponseLineOctets + 1);
}
