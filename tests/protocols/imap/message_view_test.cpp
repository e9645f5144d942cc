#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/message_view.hpp"
#include "protocols/imap/section_fetch.hpp"

using namespace maillab::protocols::imap;

namespace {

const std::string kMessage = lf_to_crlf(
    "From: a@x.test\n"
    "To: b@y.test\n"
    "Subject: parts\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "preamble\n"
    "--outer\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "\n"
    "Part one.\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=\"inner\"\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain\n"
    "\n"
    "Inner plain.\n"
    "--inner\n"
    "Content-Type: text/html\n"
    "\n"
    "<p>Inner html.</p>\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: c@z.test\n"
    "Subject: inner message\n"
    "Content-Type: multipart/mixed; boundary=\"deep\"\n"
    "\n"
    "--deep\n"
    "Content-Type: text/plain\n"
    "\n"
    "Deep one.\n"
    "--deep\n"
    "Content-Type: application/octet-stream\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "AAEC\n"
    "--deep--\n"
    "--outer\n"
    "Content-Type: application/x-odd\n"
    "Content-Transfer-Encoding: x-uuencode\n"
    "\n"
    "begin 644 f\n"
    "--outer--\n");

Section part(std::vector<std::uint32_t> numbers, SectionText text = SectionText::None,
             std::vector<std::string> fields = {}) {
    return Section{std::move(numbers), text, std::move(fields)};
}

}  // namespace

TEST_CASE("BODY[] sections by part number", "[imap][section]") {
    const MessageView view(kMessage);
    CHECK(view.section(part({}), std::nullopt) == kMessage);
    CHECK(view.section(part({1}), std::nullopt) == "Part one.");
    CHECK(view.section(part({2, 1}), std::nullopt) == "Inner plain.");
    CHECK(view.section(part({2, 2}), std::nullopt) == "<p>Inner html.</p>");
    // 3 is the message/rfc822 part: its body is the whole embedded message.
    CHECK(view.section(part({3}), std::nullopt).starts_with("From: c@z.test\r\n"));
    CHECK(view.section(part({3}), std::nullopt).ends_with("AAEC\r\n--deep--"));
    // Numbering continues inside the embedded message.
    CHECK(view.section(part({3, 1}), std::nullopt) == "Deep one.");
    CHECK(view.section(part({3, 2}), std::nullopt) == "AAEC");
}

TEST_CASE("BODY[] of a part that does not exist is empty", "[imap][section]") {
    const MessageView view(kMessage);
    CHECK(view.section(part({5}), std::nullopt).empty());
    CHECK(view.section(part({1, 2}), std::nullopt).empty());
    CHECK(view.section(part({2, 3}), std::nullopt).empty());
    CHECK(view.section(part({3, 3}), std::nullopt).empty());
    CHECK(view.section(part({0}), std::nullopt).empty());
    // HEADER and TEXT only exist for messages.
    CHECK(view.section(part({1}, SectionText::Header), std::nullopt).empty());
    CHECK(view.section(part({2}, SectionText::Text), std::nullopt).empty());
}

TEST_CASE("BODY[HEADER], [TEXT], [MIME] and RFC822.*", "[imap][section]") {
    const MessageView view(kMessage);
    const std::string header = view.section(part({}, SectionText::Header), std::nullopt);
    CHECK(header.starts_with("From: a@x.test\r\n"));
    CHECK(header.ends_with("boundary=\"outer\"\r\n\r\n"));
    CHECK(header + view.section(part({}, SectionText::Text), std::nullopt) == kMessage);
    CHECK(view.section(part({1}, SectionText::Mime), std::nullopt) ==
          "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    CHECK(view.section(part({3}, SectionText::Header), std::nullopt) ==
          "From: c@z.test\r\nSubject: inner message\r\n"
          "Content-Type: multipart/mixed; boundary=\"deep\"\r\n\r\n");
    CHECK(view.section(part({3}, SectionText::Text), std::nullopt).starts_with("--deep\r\n"));
    CHECK(view.section(part({3}, SectionText::Mime), std::nullopt) ==
          "Content-Type: message/rfc822\r\n\r\n");
}

TEST_CASE("BODY[HEADER.FIELDS] and .NOT", "[imap][section]") {
    const MessageView view(kMessage);
    CHECK(view.section(part({}, SectionText::HeaderFields, {"subject", "FROM"}), std::nullopt) ==
          "From: a@x.test\r\nSubject: parts\r\n\r\n");
    CHECK(view.section(part({}, SectionText::HeaderFieldsNot, {"content-type", "To"}),
                       std::nullopt) == "From: a@x.test\r\nSubject: parts\r\n\r\n");
    // No field matches: still the empty line.
    CHECK(view.section(part({}, SectionText::HeaderFields, {"X-None"}), std::nullopt) == "\r\n");
    CHECK(view.section(part({3}, SectionText::HeaderFields, {"Subject"}), std::nullopt) ==
          "Subject: inner message\r\n\r\n");
    // Folded fields keep their continuation lines; repeated fields all come.
    const std::string folded = lf_to_crlf("Received: from a\n  by b\nSubject: s\nReceived: c\n\nx");
    CHECK(MessageView(folded).section(part({}, SectionText::HeaderFields, {"received"}),
                                      std::nullopt) ==
          "Received: from a\r\n  by b\r\nReceived: c\r\n\r\n");
}

TEST_CASE("BODY[]<partial> at the edges", "[imap][section]") {
    const MessageView view(kMessage);
    CHECK(view.section(part({1}), Partial{0, 4}) == "Part");
    CHECK(view.section(part({1}), Partial{5, 100}) == "one.");
    CHECK(view.section(part({1}), Partial{8, 5}) == ".");
    CHECK(view.section(part({1}), Partial{9, 1}).empty());
    CHECK(view.section(part({1}), Partial{4000000000U, 1}).empty());
    CHECK(view.section(part({}), Partial{0, 4294967295U}) == kMessage);
}

TEST_CASE("Sections of a single-part message and of bare-LF mail", "[imap][section]") {
    const std::string message = "Subject: s\n\nline 1\nline 2\n";
    const MessageView view(message);
    // Part 1 of a non-multipart message is its body.
    CHECK(view.section(part({1}), std::nullopt) == "line 1\r\nline 2\r\n");
    CHECK(view.section(part({2}), std::nullopt).empty());
    CHECK(view.section(part({}), std::nullopt) == "Subject: s\r\n\r\nline 1\r\nline 2\r\n");
    CHECK(view.body_structure(false) ==
          R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 16 2))");
}

TEST_CASE("BINARY[] undoes the transfer encoding", "[imap][binary]") {
    const MessageView view(kMessage);
    CHECK(view.binary(part({3, 2}), std::nullopt) == std::string("\x00\x01\x02", 3));
    CHECK(view.binary_size(part({3, 2})) == 3U);
    CHECK(view.binary(part({3, 2}), Partial{1, 1}) == std::string("\x01", 1));
    CHECK(view.binary(part({1}), std::nullopt) == "Part one.");
    // x-uuencode cannot be undone: the server answers NO [UNKNOWN-CTE].
    CHECK_FALSE(view.binary(part({4}), std::nullopt).has_value());
    CHECK_FALSE(view.binary_size(part({4})).has_value());
    CHECK_FALSE(view.binary(part({9}), std::nullopt).has_value());

    // 7bit text stored with bare LF goes out with CRLF, like BODY[1].
    const MessageView lf_view("Subject: s\n\na\nb\n");
    CHECK(lf_view.binary(part({1}), std::nullopt) == "a\r\nb\r\n");
    CHECK(lf_view.binary_size(part({1})) == 6U);

    const std::string qp = lf_to_crlf(
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "caf=C3=A9 soft=\n"
        "break\n");
    const MessageView qp_view(qp);
    CHECK(qp_view.binary(part({1}), std::nullopt) == "caf\xC3\xA9 softbreak\r\n");
    CHECK(qp_view.binary_size(part({1})) == 17U);
}

TEST_CASE("SEARCH facts: decoded headers, body text, sent date", "[imap][searchfacts]") {
    const std::string message = lf_to_crlf(
        "Date: Wed, 17 Jul 1996 23:30:00 -0700\n"
        "Subject: =?utf-8?q?caf=C3=A9?= menu\n"
        "X-Tag: one\n"
        "x-tag: =?iso-8859-1?q?deux_=E9?=\n"
        "Content-Type: multipart/mixed; boundary=m\n"
        "\n"
        "--m\n"
        "Content-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "Cr=E8me br=FBl=E9e\n"
        "--m\n"
        "Content-Type: application/octet-stream\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        "c2VjcmV0\n"
        "--m--\n");
    const MessageView view(message);
    CHECK(view.header_values("subject") == std::vector<std::string>{"caf\xC3\xA9 menu"});
    CHECK(view.header_values("X-TAG") == std::vector<std::string>{"one", "deux \xC3\xA9"});
    CHECK(view.header_values("Cc").empty());
    CHECK(view.body_text() == "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\x65");
    // Only text parts count: the base64 attachment ("secret") is not searched.
    CHECK(view.body_text().find("secret") == std::string::npos);
    CHECK(view.full_text().find("Subject: caf\xC3\xA9 menu\r\n") != std::string::npos);
    CHECK(view.full_text().ends_with(view.body_text()));
    // The date in the sender's zone: 23:30 -0700 is already the 18th in UTC.
    CHECK(view.sent_date() == Date{1996, 7, 17});
    CHECK_FALSE(MessageView("Date: not a date\n\n").sent_date().has_value());

    const MessageFacts facts = message_facts(view, 4, 40);
    CHECK(facts.seq == 4);
    CHECK(facts.uid == 40);
    CHECK(facts.sent_date == Date{1996, 7, 17});
    CHECK(facts.header("subject") == view.header_values("subject"));
    CHECK(facts.body_text() == view.body_text());
}
