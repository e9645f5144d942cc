#include "sim/export/text_layout.hpp"

#include <catch2/catch.hpp>

using namespace maillab::sim;

TEST_CASE("width counts code points, not bytes") {
    REQUIRE(display_width("abc") == 3);
    REQUIRE(display_width("§ ─▶ ✓") == 6);
}

TEST_CASE("fit cuts with an ellipsis and never splits a character") {
    REQUIRE(fit("mail.maillab.test", 8) == "mail.ma…");
    REQUIRE(fit("short", 8) == "short");
    REQUIRE(fit("ééééé", 3) == "éé…");
    REQUIRE(display_width(fit("ééééé", 3)) == 3);
}

TEST_CASE("pad fills to the exact width") {
    REQUIRE(pad("ab", 4) == "ab  ");
    REQUIRE(pad("abcdef", 4) == "abc…");
}

TEST_CASE("wrap breaks at spaces within the width") {
    const auto lines = wrap("DELE only marks the message; it is removed at QUIT", 20);
    REQUIRE(lines ==
            std::vector<std::string>{"DELE only marks the", "message; it is", "removed at QUIT"});
    for (const auto& l : wrap(std::string(50, 'x') + " y", 20))
        REQUIRE(display_width(l) <= 20);
}

TEST_CASE("printable drops the line end and shows control bytes") {
    REQUIRE(printable("EHLO x\r\n") == "EHLO x");
    REQUIRE(printable(std::string{"a\0b\x1b", 4}) == "a\\x00b\\x1B");
    REQUIRE(printable("\xff\xfe") == "\\xFF\\xFE");
    REQUIRE(printable("Grüße") == "Grüße");
}

TEST_CASE("wrap_hanging gives the first line a width of its own") {
    const auto lines = wrap_hanging("port 110: connected, TLS 1.3 after STLS, logged in", 12, 30);
    REQUIRE(lines.size() == 3);
    REQUIRE(lines[0] == "port 110:");
    REQUIRE(lines[1] == "connected, TLS 1.3 after STLS,");
    REQUIRE(lines[2] == "logged in");
    for (std::size_t i = 1; i < lines.size(); ++i)
        REQUIRE(display_width(lines[i]) <= 30);
}
