#include "protocols/mime/mime_tree.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <string>

#include "protocols/mime/transfer_decoding.hpp"

using namespace maillab::protocols::mime;

namespace {

// A heap copy with no spare capacity, so the address sanitizer sees any read
// past the last byte (a std::string usually has room behind its end).
MimeTree parse_exact(const std::string& msg) {
    const std::unique_ptr<char[]> copy{new char[msg.size()]};
    std::copy(msg.begin(), msg.end(), copy.get());
    const std::string_view view{copy.get(), msg.size()};
    MimeTree tree = parse_mime(view);
    for (const auto& part : tree.parts)
        (void)decode_text(view, part);
    return tree;
}

std::string body_of(const std::string& msg, const MimeTree& tree, std::size_t index) {
    return std::string{part_body(msg, tree.parts[index])};
}

// Every range lies inside the input and inside its parent's body.
void check_ranges(const std::string& msg, const MimeTree& tree) {
    REQUIRE(!tree.parts.empty());
    REQUIRE(tree.parts.size() <= kMaxParts);
    for (std::size_t i = 0; i < tree.parts.size(); ++i) {
        const MimePart& p = tree.parts[i];
        REQUIRE(p.header_offset + p.header_size == p.body_offset);
        REQUIRE(p.body_offset + p.body_size <= msg.size());
        REQUIRE(p.body_size_crlf >= p.body_size);
        REQUIRE(p.depth < kMaxNestingDepth);
        if (p.parent != kNoParent) {
            const MimePart& parent = tree.parts[p.parent];
            REQUIRE(p.header_offset >= parent.body_offset);
            REQUIRE(p.body_offset + p.body_size <= parent.body_offset + parent.body_size);
            REQUIRE(p.depth == parent.depth + 1);
        }
        for (const std::size_t child : p.children)
            REQUIRE(tree.parts[child].parent == i);
        REQUIRE(p.preamble_offset + p.preamble_size <= msg.size());
        REQUIRE(p.epilogue_offset + p.epilogue_size <= msg.size());
    }
}

const std::string kAlternative =
    "From: a@x.test\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
    "\r\n"
    "This is the preamble.\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Hello\r\n"
    "world\r\n"
    "--b1 \r\n"
    "Content-Type: text/html\r\n"
    "Content-Transfer-Encoding: Quoted-Printable\r\n"
    "\r\n"
    "<p>Hi=3D</p>\r\n"
    "--b1--\r\n"
    "epilogue\r\n";

}  // namespace

TEST_CASE("a plain message: one leaf with the RFC 2045 default type") {
    const std::string msg = "Subject: hi\r\n\r\nline 1\r\nline 2\r\n";
    const MimeTree tree = parse_mime(msg);
    REQUIRE(tree.parts.size() == 1);
    const MimePart& root = tree.root();
    CHECK(root.content_type.mime_type() == "text/plain");
    CHECK(*root.content_type.param("charset") == "us-ascii");
    CHECK_FALSE(root.content_type.valid);
    CHECK(root.declared_type.empty());
    CHECK(root.transfer_encoding == "7bit");
    CHECK(root.header_size == 15);
    CHECK(root.body_size == 16);
    CHECK(root.body_lines == 2);
    CHECK(root.body_size_crlf == 16);
}

TEST_CASE("multipart/alternative: parts, preamble, epilogue, sizes and lines") {
    const MimeTree tree = parse_mime(kAlternative);
    check_ranges(kAlternative, tree);
    REQUIRE(tree.parts.size() == 3);
    const MimePart& root = tree.root();
    CHECK(root.content_type.mime_type() == "multipart/alternative");
    REQUIRE(root.children.size() == 2);
    CHECK(root.has_close_delimiter);
    CHECK(kAlternative.substr(root.preamble_offset, root.preamble_size) == "This is the preamble.");
    CHECK(kAlternative.substr(root.epilogue_offset, root.epilogue_size) == "epilogue\r\n");

    const MimePart& text = tree.parts[root.children[0]];
    CHECK(text.content_type.mime_type() == "text/plain");
    CHECK(*text.content_type.param("charset") == "utf-8");
    CHECK(body_of(kAlternative, tree, root.children[0]) == "Hello\r\nworld");
    CHECK(text.body_size == 12);
    CHECK(text.body_lines == 2);
    CHECK(text.depth == 1);

    const MimePart& html = tree.parts[root.children[1]];
    CHECK(html.content_type.mime_type() == "text/html");
    CHECK(html.transfer_encoding == "quoted-printable");
    CHECK(body_of(kAlternative, tree, root.children[1]) == "<p>Hi=3D</p>");
    CHECK(decode_body(kAlternative, html) == "<p>Hi=</p>");
    CHECK(html.body_lines == 1);
}

TEST_CASE("LF-only messages give the same structure, CRLF size counts the LFs") {
    std::string lf = kAlternative;
    for (std::size_t at; (at = lf.find("\r\n")) != std::string::npos;)
        lf.erase(at, 1);
    const MimeTree tree = parse_mime(lf);
    check_ranges(lf, tree);
    REQUIRE(tree.root().children.size() == 2);
    const MimePart& text = tree.parts[tree.root().children[0]];
    CHECK(body_of(lf, tree, tree.root().children[0]) == "Hello\nworld");
    CHECK(text.body_size == 11);
    CHECK(text.body_size_crlf == 12);
    CHECK(text.body_lines == 2);
}

TEST_CASE("nested multipart and message/rfc822 parsed recursively") {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=outer\r\n"
        "\r\n"
        "--outer\r\n"
        "Content-Type: multipart/related; boundary=inner\r\n"
        "\r\n"
        "--inner\r\n"
        "\r\n"
        "inner one\r\n"
        "--inner--\r\n"
        "--outer\r\n"
        "Content-Type: message/rfc822\r\n"
        "Content-Description: forwarded\r\n"
        "\r\n"
        "Subject: inside\r\n"
        "Content-Type: multipart/mixed; boundary=deep\r\n"
        "\r\n"
        "--deep\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-ID: <img1@x.test>\r\n"
        "Content-Disposition: inline; filename=\"a.png\"\r\n"
        "Content-Language: en\r\n"
        "Content-Location: http://x.test/a.png\r\n"
        "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n"
        "\r\n"
        "iVBORw0KGgo=\r\n"
        "--deep--\r\n"
        "--outer--\r\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    const MimePart& root = tree.root();
    REQUIRE(root.children.size() == 2);
    const MimePart& related = tree.parts[root.children[0]];
    REQUIRE(related.children.size() == 1);
    CHECK(body_of(msg, tree, related.children[0]) == "inner one");

    const MimePart& forwarded = tree.parts[root.children[1]];
    CHECK(forwarded.content_type.is_message_rfc822());
    CHECK(forwarded.description == "forwarded");
    REQUIRE(forwarded.children.size() == 1);
    const MimePart& inside = tree.parts[forwarded.children[0]];
    CHECK(inside.header_offset == forwarded.body_offset);
    CHECK(inside.headers.find("Subject")->value == "inside");
    REQUIRE(inside.children.size() == 1);
    const MimePart& image = tree.parts[inside.children[0]];
    CHECK(image.depth == 3);
    CHECK(image.content_type.mime_type() == "image/png");
    CHECK(image.content_id == "<img1@x.test>");
    CHECK(image.disposition.value == "inline");
    CHECK(*image.disposition.param("filename") == "a.png");
    CHECK(image.language == "en");
    CHECK(image.location == "http://x.test/a.png");
    CHECK(image.md5 == "Q2hlY2sgSW50ZWdyaXR5IQ==");
    CHECK(decode_body(msg, image) == "\x89PNG\r\n\x1A\n");
    CHECK(forwarded.body_lines > inside.body_lines);
}

TEST_CASE("multipart/digest: parts default to message/rfc822") {
    const std::string msg =
        "Content-Type: multipart/digest; boundary=d\r\n\r\n"
        "--d\r\n\r\nSubject: first\r\n\r\nbody 1\r\n"
        "--d\r\nContent-Type: text/plain\r\n\r\nnot a message\r\n"
        "--d--\r\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    REQUIRE(tree.root().children.size() == 2);
    const MimePart& first = tree.parts[tree.root().children[0]];
    CHECK(first.content_type.mime_type() == "message/rfc822");
    REQUIRE(first.children.size() == 1);
    CHECK(tree.parts[first.children[0]].headers.find("Subject")->value == "first");
    CHECK(tree.parts[tree.root().children[1]].content_type.mime_type() == "text/plain");
}

TEST_CASE("missing close delimiter: the last part runs to the end") {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    CHECK_FALSE(tree.root().has_close_delimiter);
    REQUIRE(tree.root().children.size() == 2);
    CHECK(body_of(msg, tree, tree.root().children[1]) == "two\r\n");
}

TEST_CASE("an inner multipart never closed ends where the outer part ends") {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
        "--outer\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n"
        "--inner\r\n\r\nunclosed\r\n"
        "--outer\r\n\r\nsecond\r\n"
        "--outer--\r\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    REQUIRE(tree.root().children.size() == 2);
    const MimePart& inner = tree.parts[tree.root().children[0]];
    CHECK_FALSE(inner.has_close_delimiter);
    REQUIRE(inner.children.size() == 1);
    CHECK(body_of(msg, tree, inner.children[0]) == "unclosed");
    CHECK(body_of(msg, tree, tree.root().children[1]) == "second");
}

TEST_CASE("a line that only starts with the boundary is body text") {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--bx not it\r\n--b--\r\n";
    const MimeTree tree = parse_mime(msg);
    REQUIRE(tree.root().children.size() == 1);
    CHECK(body_of(msg, tree, tree.root().children[0]) == "--bx not it");
}

TEST_CASE("a part without a header and a part with an empty body") {
    const std::string msg =
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nno header here\r\n--b\r\n--b--";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    REQUIRE(tree.root().children.size() == 2);
    const MimePart& first = tree.parts[tree.root().children[0]];
    CHECK(first.header_size == 0);
    CHECK(body_of(msg, tree, tree.root().children[0]) == "no header here");
    CHECK(tree.parts[tree.root().children[1]].body_size == 0);
    CHECK(tree.parts[tree.root().children[1]].body_lines == 0);
}

TEST_CASE("multipart without boundary or without delimiters is demoted to a text leaf") {
    for (const std::string msg : {"Content-Type: multipart/mixed\r\n\r\nbody\r\n",
                                  "Content-Type: multipart/mixed; boundary=zz\r\n\r\nbody\r\n",
                                  "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\nx\r\n"}) {
        const MimeTree tree = parse_mime(msg);
        REQUIRE(tree.parts.size() == 1);
        CHECK(tree.root().demoted);
        CHECK(tree.root().declared_type == "multipart/mixed");
        CHECK(tree.root().content_type.mime_type() == "text/plain");
        CHECK(tree.root().children.empty());
    }
}

TEST_CASE("message/rfc822 in base64 is not parsed as a message") {
    const std::string msg =
        "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: "
        "base64\r\n\r\nU3ViamVjdDogeA==\r\n";
    const MimeTree tree = parse_mime(msg);
    REQUIRE(tree.parts.size() == 1);
    CHECK(tree.root().demoted);
}

TEST_CASE("limit: a nesting bomb of 100000 multiparts stops at kMaxNestingDepth") {
    constexpr std::size_t kLevels = 100000;
    std::string msg;
    msg.reserve(kLevels * 50);
    for (std::size_t i = 0; i < kLevels; ++i) {
        msg += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\r\n\r\n--b" +
               std::to_string(i) + "\r\n";
    }
    msg += "\r\nleaf\r\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    CHECK(tree.hit_depth_limit);
    CHECK(tree.parts.size() == kMaxNestingDepth);
    const MimePart& deepest = tree.parts.back();
    CHECK(deepest.depth == kMaxNestingDepth - 1);
    CHECK(deepest.demoted);
    CHECK(deepest.content_type.mime_type() == "text/plain");
}

TEST_CASE("limit: nested message/rfc822 stops at kMaxNestingDepth") {
    std::string msg;
    for (std::size_t i = 0; i < 1000; ++i)
        msg += "Content-Type: message/rfc822\n\n";
    msg += "Subject: bottom\n\nbody\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    CHECK(tree.hit_depth_limit);
    CHECK(tree.parts.size() == kMaxNestingDepth);
}

TEST_CASE("limit: kMaxParts parts, the last one absorbs the rest") {
    std::string msg = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
    for (std::size_t i = 0; i < kMaxParts + 100; ++i) {
        msg += "--b\r\n\r\npart " + std::to_string(i) + "\r\n";
    }
    msg += "--b--\r\n";
    const MimeTree tree = parse_mime(msg);
    check_ranges(msg, tree);
    CHECK(tree.hit_part_limit);
    CHECK(tree.parts.size() == kMaxParts);
    const std::string last = body_of(msg, tree, tree.root().children.back());
    CHECK(last.rfind("part " + std::to_string(kMaxParts - 2), 0) == 0);
    CHECK(last.find("part " + std::to_string(kMaxParts + 99)) != std::string::npos);
}

TEST_CASE("truncated messages: every prefix parses inside its bounds") {
    for (std::size_t n = 0; n <= kAlternative.size(); ++n) {
        const std::string prefix = kAlternative.substr(0, n);
        check_ranges(prefix, parse_exact(prefix));
    }
}

TEST_CASE("binary junk, NUL bytes and random mixtures stay inside the input") {
    const std::string pieces[] = {"Content-Type: multipart/mixed; boundary=q\r\n",
                                  "Content-Type: message/rfc822\n",
                                  "Content-Type: multipart/digest; boundary=\"q\"\n",
                                  "--q\r\n",
                                  "--q--\n",
                                  "\r\n",
                                  "\n",
                                  "\r",
                                  std::string{"\0", 1},
                                  "X: y\r\n",
                                  " folded\r\n",
                                  "junk without colon\n",
                                  "\xFF\xFE"};
    std::mt19937 rng{12345};
    for (int round = 0; round < 300; ++round) {
        std::string msg;
        const int count = std::uniform_int_distribution<int>{0, 60}(rng);
        for (int i = 0; i < count; ++i) {
            msg +=
                pieces[std::uniform_int_distribution<std::size_t>{0, std::size(pieces) - 1}(rng)];
        }
        check_ranges(msg, parse_exact(msg));
    }
}
