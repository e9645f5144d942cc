#include "protocols/mta/return_path.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::mta;

TEST_CASE("Return-Path is added as the first header at final delivery") {
    const std::string message = "Subject: hi\r\n\r\nbody\r\n";
    REQUIRE(add_return_path(message, "alice@example.org") ==
            "Return-Path: <alice@example.org>\r\nSubject: hi\r\n\r\nbody\r\n");
    REQUIRE(add_return_path(message, "") == "Return-Path: <>\r\nSubject: hi\r\n\r\nbody\r\n");
}

TEST_CASE("an old Return-Path in the header is replaced, the body is untouched") {
    const std::string message =
        "return-path: <forged@evil.test>\r\n"
        "\tcontinued\r\n"
        "Subject: hi\r\n"
        "\r\n"
        "Return-Path: <in the body stays>\r\n";
    REQUIRE(add_return_path(message, "alice@example.org") ==
            "Return-Path: <alice@example.org>\r\n"
            "Subject: hi\r\n"
            "\r\n"
            "Return-Path: <in the body stays>\r\n");
}

TEST_CASE("a sender with CR or LF cannot add header lines") {
    REQUIRE(add_return_path("\r\n", "a@b\r\nX-Evil: 1") == "Return-Path: <a@bX-Evil: 1>\r\n\r\n");
}
