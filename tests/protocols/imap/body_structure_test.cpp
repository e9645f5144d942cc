#include <catch2/catch.hpp>
#include <string>

#include "protocols/imap/message_view.hpp"
#include "protocols/imap/section_fetch.hpp"

using namespace maillab::protocols::imap;

namespace {

struct Structures {
    std::string body;
    std::string body_structure;
};

Structures structures(std::string_view lf_text) {
    const std::string message = lf_to_crlf(lf_text);
    const MessageView view(message);
    return {view.body_structure(false), view.body_structure(true)};
}

// Balanced parentheses outside quoted strings: the shape a client parser needs.
bool balanced(std::string_view text) {
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '\\') ++i;
            if (c == '"') quoted = false;
            continue;
        }
        if (c == '"') quoted = true;
        if (c == '(') ++depth;
        if (c == ')' && --depth < 0) return false;
    }
    return depth == 0 && !quoted;
}

}  // namespace

// The expected strings in the cases marked "Dovecot" are Dovecot's own
// outputs for the same message (its src/lib-imap/test-imap-bodystructure.c),
// wrapped in the outer parentheses its test leaves out; sizes there count
// CRLF line ends, as here.

TEST_CASE("BODYSTRUCTURE of a single text part (Dovecot)", "[imap][bodystructure]") {
    const Structures s = structures(
        "From: user@domain.org\n"
        "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
        "Mime-Version: 1.0\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "body\n");
    CHECK(s.body_structure ==
          R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL))");
    CHECK(s.body == R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1))");
}

TEST_CASE("BODYSTRUCTURE defaults and as-sent case", "[imap][bodystructure]") {
    // No Content-Type: RFC 2045 §5.2 text/plain; charset=us-ascii.
    CHECK(structures("Subject: x\n\nline one\nline two\n").body_structure ==
          R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 20 2 NIL NIL NIL NIL))");
    // A text part without parameters still gets the charset; others get NIL.
    CHECK(structures("Content-Type: text/html\n\n<p>\n").body ==
          R"(("text" "html" ("charset" "us-ascii") NIL NIL "7bit" 5 1))");
    CHECK(structures("Content-Type: image/png\nContent-Transfer-Encoding: base64\n\nAAAA\n").body ==
          R"(("image" "png" NIL NIL NIL "base64" 6))");
    // Type, subtype, parameter names and encoding as the sender wrote them.
    CHECK(structures("Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\n"
                     "Content-Transfer-Encoding: 7BIT\n\nHi\n")
              .body == R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 4 1))");
    // A last line without a line end is not counted (Dovecot counts LFs).
    CHECK(structures("Content-Type: text/plain\n\nno newline").body ==
          R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 0))");
}

TEST_CASE("BODYSTRUCTURE of multipart/alternative", "[imap][bodystructure]") {
    const Structures s = structures(
        "Content-Type: multipart/alternative; boundary=b1\n"
        "\n"
        "--b1\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        "caf=C3=A9\n"
        "\n"
        "--b1\n"
        "Content-Type: text/html; charset=utf-8\n"
        "\n"
        "<p>cafe</p>\n"
        "--b1--\n");
    CHECK(s.body_structure ==
          R"((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 11 1 NIL NIL NIL NIL))"
          R"(("text" "html" ("charset" "utf-8") NIL NIL "7bit" 11 0 NIL NIL NIL NIL))"
          R"( "alternative" ("boundary" "b1") NIL NIL NIL))");
    CHECK(s.body == R"((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 11 1))"
                    R"(("text" "html" ("charset" "utf-8") NIL NIL "7bit" 11 0) "alternative"))");
}

TEST_CASE("BODYSTRUCTURE of nested multipart/mixed with a base64 attachment",
          "[imap][bodystructure]") {
    const Structures s = structures(
        "Content-Type: multipart/mixed; boundary=outer\n"
        "\n"
        "--outer\n"
        "Content-Type: multipart/alternative; boundary=inner\n"
        "\n"
        "--inner\n"
        "Content-Type: text/plain\n"
        "\n"
        "Hi\n"
        "--inner--\n"
        "--outer\n"
        "Content-Type: application/pdf; name=\"report.pdf\"\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-ID: <r1@x.test>\n"
        "Content-Description: The report\n"
        "Content-Disposition: attachment; filename=\"report.pdf\"\n"
        "Content-Language: en, de\n"
        "Content-Location: report.pdf\n"
        "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
        "\n"
        "JVBERi0xLjQK\n"
        "--outer--\n");
    CHECK(s.body_structure ==
          R"(((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 2 0 NIL NIL NIL NIL))"
          R"( "alternative" ("boundary" "inner") NIL NIL NIL))"
          R"(("application" "pdf" ("name" "report.pdf") "<r1@x.test>" "The report" "base64" 12)"
          R"( "Q2hlY2sgSW50ZWdyaXR5IQ==" ("attachment" ("filename" "report.pdf")) ("en" "de"))"
          R"( "report.pdf") "mixed" ("boundary" "outer") NIL NIL NIL))");
    CHECK(s.body == R"(((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 2 0) "alternative"))"
                    R"(("application" "pdf" ("name" "report.pdf") "<r1@x.test>" "The report")"
                    R"( "base64" 12) "mixed"))");
}

TEST_CASE("BODYSTRUCTURE of message/rfc822 inside multipart (Dovecot)", "[imap][bodystructure]") {
    const Structures s = structures(
        "From: user@domain.org\n"
        "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
        "Mime-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"foo bar\"\n"
        "\n"
        "--foo bar\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "See attached...\n"
        "\n"
        "--foo bar\n"
        "Content-Type: message/rfc822\n"
        "\n"
        "From: user@domain.org\n"
        "Date: Sat, 24 Mar 2017 23:00:00 +0200\n"
        "Mime-Version: 1.0\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "body\n"
        "\n"
        "--foo bar--\n"
        "\n");
    const std::string envelope =
        R"(("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")))"
        R"( ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL))";
    CHECK(s.body_structure ==
          R"((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 17 1 NIL NIL NIL NIL))"
          R"(("message" "rfc822" NIL NIL NIL "7bit" 133 )" +
              envelope +
              R"( ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL) 6)"
              R"( NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL))");
    CHECK(s.body == R"((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 17 1))"
                    R"(("message" "rfc822" NIL NIL NIL "7bit" 133 )" +
                        envelope +
                        R"( ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1) 6))"
                        R"( "mixed"))");
}

TEST_CASE("BODYSTRUCTURE with every extension field and nested message (Dovecot)",
          "[imap][bodystructure]") {
    const Structures s = structures(
        "From: user@domain.org\n"
        "Date: Sat, 24 Mar 2007 23:00:00 +0200\n"
        "Mime-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"foo\n"
        " bar\"\n"
        "\n"
        "Root MIME prologue\n"
        "\n"
        "--foo bar\n"
        "Content-Type: text/x-myown; charset=us-ascii; foo=\"quoted\\\"string\"\n"
        "Content-ID: <foo@example.com>\n"
        "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
        "Content-Disposition: inline; foo=bar\n"
        "Content-Description: hellodescription\n"
        "Content-Language: en, fi, se\n"
        "Content-Location: http://example.com/test.txt\n"
        "\n"
        "hello\n"
        "\n"
        "--foo bar\n"
        "Content-Type: message/rfc822\n"
        "\n"
        "From: sub@domain.org\n"
        "Date: Sun, 12 Aug 2012 12:34:56 +0300\n"
        "Subject: submsg\n"
        "Content-Type: multipart/alternative; boundary=\"sub1\"\n"
        "\n"
        "Sub MIME prologue\n"
        "--sub1\n"
        "Content-Type: text/html\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "<p>Hello world</p>\n"
        "\n"
        "--sub1\n"
        "Content-Type: text/plain\n"
        "\n"
        "Hello another world\n"
        "\n"
        "--sub1--\n"
        "Sub MIME epilogue\n"
        "\n"
        "--foo bar--\n"
        "Root MIME epilogue\n");
    const std::string sub =
        R"(("message" "rfc822" NIL NIL NIL "7bit" 331 ("Sun, 12 Aug 2012 12:34:56 +0300" "submsg")"
        R"( ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")))"
        R"( ((NIL NIL "sub" "domain.org")) NIL NIL NIL NIL NIL))";
    CHECK(s.body_structure ==
          R"((("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\"string") "<foo@example.com>")"
          R"( "hellodescription" "7bit" 7 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("inline" ("foo" "bar")))"
          R"( ("en" "fi" "se") "http://example.com/test.txt"))" +
              sub +
              R"( (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1 NIL NIL NIL NIL))"
              R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1 NIL NIL NIL NIL))"
              R"( "alternative" ("boundary" "sub1") NIL NIL NIL) 19 NIL NIL NIL NIL))"
              R"( "mixed" ("boundary" "foo bar") NIL NIL NIL))");
    CHECK(s.body ==
          R"((("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\"string") "<foo@example.com>")"
          R"( "hellodescription" "7bit" 7 1))" +
              sub +
              R"( (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1))"
              R"(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1) "alternative") 19))"
              R"( "mixed"))");
}

TEST_CASE("BODYSTRUCTURE of a multipart without parts (Dovecot)", "[imap][bodystructure]") {
    const Structures s = structures("Content-Type: multipart/mixed; boundary=\"foo\"\n\n");
    CHECK(s.body_structure ==
          R"((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL))"
          R"( "mixed" ("boundary" "foo") NIL NIL NIL))");
    CHECK(s.body == R"((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed"))");
}

TEST_CASE("BODYSTRUCTURE: multipart/digest parts default to message/rfc822",
          "[imap][bodystructure]") {
    const Structures s = structures(
        "Content-Type: multipart/digest; boundary=d\n"
        "\n"
        "--d\n"
        "\n"
        "From: a@x.test\n"
        "Subject: one\n"
        "\n"
        "First.\n"
        "--d--\n");
    CHECK(s.body == R"((("message" "rfc822" NIL NIL NIL "7bit" 38 ()"
                    R"(NIL "one" ((NIL NIL "a" "x.test")) ((NIL NIL "a" "x.test")))"
                    R"( ((NIL NIL "a" "x.test")) NIL NIL NIL NIL NIL))"
                    R"( ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 0) 3) "digest"))");
}

TEST_CASE("BODYSTRUCTURE of hostile structures stays well-formed", "[imap][bodystructure]") {
    // Nesting far past mime::kMaxNestingDepth.
    std::string bomb;
    for (int i = 0; i < 200; ++i) {
        bomb += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
                std::to_string(i) + "\n";
    }
    bomb += "\ninnermost\n";
    const Structures deep = structures(bomb);
    CHECK(balanced(deep.body_structure));
    CHECK(balanced(deep.body));
    // Truncated: no close delimiter, the last part runs to the end.
    const Structures cut = structures("Content-Type: multipart/mixed; boundary=c\n\n--c\n\nab");
    CHECK(cut.body == R"((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 2 0) "mixed"))");
    // A message/rfc822 in base64 is not parsed as a message: a text/plain leaf.
    CHECK(structures("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nQQ==\n")
              .body == R"(("text" "plain" ("charset" "us-ascii") NIL NIL "base64" 6 1))");
    // NUL and 8-bit bytes in parameters go out as literals.
    const std::string nul_message =
        std::string("Content-Type: text/plain; name=\"a") + '\0' + "b\"\n\nx\n";
    CHECK(structures(nul_message).body.find("{3}\r\na") != std::string::npos);
}
