#include "protocols/smtp/headers.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::smtp;
using namespace std::chrono;

TEST_CASE("RFC 5322 dates") {
    REQUIRE(format_rfc5322_date(sys_seconds{seconds{0}}) == "Thu, 1 Jan 1970 00:00:00 +0000");
    REQUIRE(format_rfc5322_date(sys_seconds{seconds{1'700'000'000}}) ==
            "Tue, 14 Nov 2023 22:13:20 +0000");
    REQUIRE(format_rfc5322_date(sys_days{year{2024} / February / 29} + hours{23} + minutes{59} +
                                seconds{9}) == "Thu, 29 Feb 2024 23:59:09 +0000");
}

TEST_CASE("Received \"with\" keywords (RFC 3848, RFC 6531)") {
    REQUIRE(received_protocol(false, false, false, false) == "SMTP");
    REQUIRE(received_protocol(true, false, false, false) == "ESMTP");
    REQUIRE(received_protocol(true, true, false, false) == "ESMTPS");
    REQUIRE(received_protocol(true, false, true, false) == "ESMTPA");
    REQUIRE(received_protocol(true, true, true, false) == "ESMTPSA");
    REQUIRE(received_protocol(true, true, true, true) == "UTF8SMTPSA");
}

TEST_CASE("Received header") {
    ReceivedInfo info{"laptop.test",
                      "client.isp.test",
                      "198.51.100.4",
                      "mx.example.test",
                      "ESMTPS",
                      "ABC123",
                      "",
                      sys_seconds{seconds{0}}};
    REQUIRE(
        received_header(info) ==
        "Received: from laptop.test (client.isp.test [198.51.100.4])\r\n"
        "\tby mx.example.test (maillab) with ESMTPS id ABC123; Thu, 1 Jan 1970 00:00:00 +0000\r\n");
}

TEST_CASE("Date, Message-ID and Return-Path") {
    REQUIRE(date_header(sys_seconds{seconds{0}}) == "Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n");
    REQUIRE(message_id_header("T1", "host.test") == "Message-ID: <T1@host.test>\r\n");
    REQUIRE(return_path_header("a@b.test") == "Return-Path: <a@b.test>\r\n");
    REQUIRE(return_path_header("") == "Return-Path: <>\r\n");
}

TEST_CASE("has_header looks only at the header section") {
    const std::string m =
        "Subject: x\r\nmessage-ID : <a@b>\r\n folded: not a field\r\n\r\nDate: body\r\n";
    REQUIRE(has_header(m, "Message-ID"));
    REQUIRE(has_header(m, "subject"));
    REQUIRE_FALSE(has_header(m, "Date"));
    REQUIRE_FALSE(has_header(m, "folded"));
    REQUIRE_FALSE(has_header("", "Date"));
    REQUIRE(has_header("Date: x", "Date"));
}
