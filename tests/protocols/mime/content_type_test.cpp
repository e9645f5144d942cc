#include "protocols/mime/content_type.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace maillab::protocols::mime;

TEST_CASE("type, subtype and parameters, case and comments") {
    const ContentType type = parse_content_type(
        "Text/HTML (a comment); Charset=\"UTF-8\" ; format = flowed", "text", "plain");
    CHECK(type.valid);
    CHECK(type.mime_type() == "text/html");
    REQUIRE(type.param("charset") != nullptr);
    CHECK(*type.param("CHARSET") == "UTF-8");
    CHECK(*type.param("format") == "flowed");
    CHECK(type.param("boundary") == nullptr);
}

TEST_CASE("quoted values keep specials and escapes") {
    const ContentType type =
        parse_content_type("multipart/mixed; boundary=\"a;b=c \\\"d\\\"\"", "text", "plain");
    CHECK(*type.param("boundary") == "a;b=c \"d\"");
}

TEST_CASE("unquoted values with tspecials run to the next ',' or whitespace") {
    const ContentType type = parse_content_type(
        "multipart/alternative; boundary==_Part_1/2; charset=x", "text", "plain");
    CHECK(*type.param("boundary") == "=_Part_1/2");
    CHECK(*type.param("charset") == "x");
}

TEST_CASE("invalid or missing values fall back to the given default") {
    for (const char* text : {"", "text", "/plain", "text/", ";charset=x", "\x01/\x02"}) {
        const ContentType type = parse_content_type(text, "text", "plain");
        CHECK_FALSE(type.valid);
        CHECK(type.mime_type() == "text/plain");
    }
    CHECK(parse_content_type("", "message", "rfc822").mime_type() == "message/rfc822");
}

TEST_CASE("RFC 2231 continuations, charset and language") {
    const ContentType type = parse_content_type(
        "application/x-stuff; title*0*=us-ascii'en'This%20is%20even%20more%20; "
        "title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"",
        "text", "plain");
    REQUIRE(type.params.size() == 1);
    CHECK(type.params[0].name == "title");
    CHECK(type.params[0].value == "This is even more ***fun*** isn't it!");
    CHECK(type.params[0].charset == "us-ascii");
    CHECK(type.params[0].language == "en");
}

TEST_CASE("RFC 2231 single extended value in UTF-8, out-of-order sections") {
    const ParameterizedValue disposition = parse_parameterized_value(
        "attachment; filename*=UTF-8''%E2%82%AC%20rates.txt; size=42", false);
    CHECK(disposition.valid);
    CHECK(disposition.value == "attachment");
    CHECK(*disposition.param("filename") == "\xE2\x82\xAC rates.txt");
    CHECK(*disposition.param("size") == "42");

    const ContentType type =
        parse_content_type("text/plain; name*1=\"world\"; name*0=\"hello \"", "text", "plain");
    CHECK(*type.param("name") == "hello world");
}

TEST_CASE("RFC 2231: a gap in the sections stops the value") {
    const ContentType type = parse_content_type("text/plain; name*0=a; name*2=c", "text", "plain");
    CHECK(*type.param("name") == "a");
}

TEST_CASE("limit: kMaxParameters parameters read, the rest counted") {
    std::string text = "text/plain";
    for (std::size_t i = 0; i < kMaxParameters + 3; ++i) {
        text += "; p" + std::to_string(i) + "=v";
    }
    const ParameterizedValue value = parse_parameterized_value(text, true);
    CHECK(value.params.size() == kMaxParameters);
    CHECK(value.dropped_params == 3);
}

TEST_CASE("junk between parameters is skipped") {
    const ContentType type =
        parse_content_type("text/plain junk; charset=utf-8 junk2; a=b", "text", "plain");
    CHECK(type.valid);
    CHECK(*type.param("charset") == "utf-8");
    CHECK(*type.param("a") == "b");
}

TEST_CASE("limit: RFC 2231 section numbers of kMaxParameterSectionDigits digits") {
    const std::string digits(kMaxParameterSectionDigits, '0');
    const ContentType type =
        parse_content_type("text/plain; a*" + digits + "=x; b*" + digits + "0=y", "text", "plain");
    REQUIRE(type.param("a") != nullptr);
    CHECK(*type.param("a") == "x");
    REQUIRE(type.param("b*" + digits + "0") != nullptr);
    CHECK(*type.param("b*" + digits + "0") == "y");
}
