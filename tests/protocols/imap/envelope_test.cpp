#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/message_view.hpp"
#include "protocols/imap/section_fetch.hpp"

using namespace maillab::protocols::imap;

namespace {

std::string envelope_of_message(std::string_view lf_text) {
    const std::string message = lf_to_crlf(lf_text);
    return MessageView(message).envelope();
}

}  // namespace

TEST_CASE("ENVELOPE of the RFC 3501 example message", "[imap][envelope]") {
    // RFC 3501 §8 sample; the grammar (§9 env-cc) has no space between addresses.
    CHECK(envelope_of_message("Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\n"
                              "From: Terry Gray <gray@cac.washington.edu>\n"
                              "Subject: IMAP4rev1 WG mtg summary and minutes\n"
                              "To: imap@cac.washington.edu\n"
                              "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\n"
                              "Message-Id: <B27397-0100000@cac.washington.edu>\n"
                              "MIME-Version: 1.0\n"
                              "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\n"
                              "\n"
                              "Hello\n") ==
          "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" "
          "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
          "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
          "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
          "((NIL NIL \"imap\" \"cac.washington.edu\")) "
          "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" "
          "\"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\")");
}

TEST_CASE("ENVELOPE groups: start marker, members, end marker", "[imap][envelope]") {
    const std::string envelope = envelope_of_message(
        "From: a@x.test\n"
        "To: A Group:Chris Jones <c@a.test>,joe@where.test,John "
        "<jdoe@one.test>;\n"
        "Cc: Undisclosed recipients:;\n"
        "\n");
    CHECK(envelope ==
          "(NIL NIL ((NIL NIL \"a\" \"x.test\")) ((NIL NIL \"a\" \"x.test\")) "
          "((NIL NIL \"a\" \"x.test\")) "
          "((NIL NIL \"A Group\" NIL)(\"Chris Jones\" NIL \"c\" \"a.test\")"
          "(NIL NIL \"joe\" \"where.test\")(\"John\" NIL \"jdoe\" \"one.test\")(NIL NIL NIL NIL)) "
          "((NIL NIL \"Undisclosed recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)");
}

TEST_CASE("ENVELOPE keeps encoded words raw", "[imap][envelope]") {
    CHECK(envelope_of_message("Subject: =?utf-8?q?caf=C3=A9?=\n"
                              "From: =?utf-8?q?Jos=C3=A9?= <jose@x.test>\n"
                              "\n") ==
          "(NIL \"=?utf-8?q?caf=C3=A9?=\" ((\"=?utf-8?q?Jos=C3=A9?=\" NIL \"jose\" \"x.test\")) "
          "((\"=?utf-8?q?Jos=C3=A9?=\" NIL \"jose\" \"x.test\")) "
          "((\"=?utf-8?q?Jos=C3=A9?=\" NIL \"jose\" \"x.test\")) NIL NIL NIL NIL NIL)");
}

TEST_CASE("ENVELOPE: missing fields are NIL", "[imap][envelope]") {
    CHECK(envelope_of_message("X-Other: yes\n\nbody\n") ==
          "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
    CHECK(envelope_of_message("") == "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
    // Present but empty: the empty string for text, NIL for an address list.
    CHECK(envelope_of_message("Subject:\nTo:\n\n") == "(NIL \"\" NIL NIL NIL NIL NIL NIL NIL NIL)");
}

TEST_CASE("ENVELOPE: sender and reply-to default to from only when absent", "[imap][envelope]") {
    CHECK(envelope_of_message("From: a@x.test\nSender: s@x.test\n"
                              "In-Reply-To: <p@x.test>\nMessage-ID: <m@x.test>\n\n") ==
          "(NIL NIL ((NIL NIL \"a\" \"x.test\")) ((NIL NIL \"s\" \"x.test\")) "
          "((NIL NIL \"a\" \"x.test\")) NIL NIL NIL \"<p@x.test>\" \"<m@x.test>\")");
    CHECK(envelope_of_message("From: a@x.test\nReply-To: r@x.test\nBcc: b@x.test\n\n") ==
          "(NIL NIL ((NIL NIL \"a\" \"x.test\")) ((NIL NIL \"a\" \"x.test\")) "
          "((NIL NIL \"r\" \"x.test\")) NIL NIL ((NIL NIL \"b\" \"x.test\")) NIL NIL)");
}

TEST_CASE("ENVELOPE quoting: escapes, literals for 8-bit, routes", "[imap][envelope]") {
    CHECK(envelope_of_message("Subject: say \"hi\" \\ back\n\n") ==
          "(NIL \"say \\\"hi\\\" \\\\ back\" NIL NIL NIL NIL NIL NIL NIL NIL)");
    CHECK(envelope_of_message("Subject: caf\xC3\xA9\n\n") ==
          "(NIL {5}\r\ncaf\xC3\xA9 NIL NIL NIL NIL NIL NIL NIL NIL)");
    CHECK(envelope_of_message("From: \"Joe \\\"Q\\\" Public\" <joe@x.test>\n\n")
              .starts_with("(NIL NIL ((\"Joe \\\"Q\\\" Public\" NIL \"joe\" \"x.test\"))"));
    CHECK(envelope_of_message("To: <@relay.test:joe@x.test>\n\n") ==
          "(NIL NIL NIL NIL NIL ((NIL \"@relay.test\" \"joe\" \"x.test\")) NIL NIL NIL NIL)");
    // A mailbox without a domain keeps host "" (NIL would make it a group marker).
    CHECK(envelope_of_message("To: undisclosed\n\n") ==
          "(NIL NIL NIL NIL NIL ((NIL NIL \"undisclosed\" \"\")) NIL NIL NIL NIL)");
}
