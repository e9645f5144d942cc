#include "protocols/mime/encoded_words.hpp"

#include <catch2/catch.hpp>

#include "protocols/core/utf8.hpp"
#include "protocols/mime/charset.hpp"

using namespace maillab::protocols::mime;

TEST_CASE("RFC 2047 §8 examples") {
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a?=") == "a");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a?= b") == "a b");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=") == "ab");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=") == "ab");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a?=\r\n   =?ISO-8859-1?Q?b?=") == "ab");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a_b?=") == "a b");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=") == "a b");
    CHECK(decode_encoded_words("(=?ISO-8859-1?Q?a?=)") == "(a)");
    CHECK(decode_encoded_words("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "Andr\xC3\xA9 Pirard");
    CHECK(decode_encoded_words("=?US-ASCII?Q?Keith_Moore?=") == "Keith Moore");
}

TEST_CASE("B encoding and lower-case markers") {
    CHECK(decode_encoded_words("=?utf-8?b?4oKsIDEwMA==?=") == "\xE2\x82\xAC 100");
    CHECK(decode_encoded_words("Re: =?UTF-8?B?SGVsbG8=?= world") == "Re: Hello world");
}

TEST_CASE("a UTF-8 character split across two adjacent words survives") {
    // "€" = E2 82 AC: first word carries E2 82, second AC.
    CHECK(decode_encoded_words("=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=") == "\xE2\x82\xAC");
}

TEST_CASE("charsets through iconv and the language suffix") {
    CHECK(decode_encoded_words("=?windows-1252?Q?=80?=") == "\xE2\x82\xAC");
    CHECK(decode_encoded_words("=?KOI8-R?B?8NLJ18XU?=") ==
          "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    CHECK(decode_encoded_words("=?US-ASCII*EN?Q?Keith_Moore?=") == "Keith Moore");
}

TEST_CASE("invalid encoded words are left as written") {
    CHECK(decode_encoded_words("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=");
    CHECK(decode_encoded_words("=?UTF-8?Q?a=ZZ?=") == "=?UTF-8?Q?a=ZZ?=");
    CHECK(decode_encoded_words("=?UTF-8?Q?a b?=") == "=?UTF-8?Q?a b?=");
    CHECK(decode_encoded_words("=?no-such-charset?Q?a?=") == "=?no-such-charset?Q?a?=");
    CHECK(decode_encoded_words("=?UTF-8?B?abc") == "=?UTF-8?B?abc");
    CHECK(decode_encoded_words("=??Q?a?=") == "=??Q?a?=");
    CHECK(decode_encoded_words("=?") == "=?");
    CHECK(decode_encoded_words("plain =?= text") == "plain =?= text");
}

TEST_CASE("whitespace between a word and plain text is kept") {
    CHECK(decode_encoded_words("x =?UTF-8?Q?a?= y") == "x a y");
    CHECK(decode_encoded_words("=?UTF-8?Q?a?= =?bogus?Q?b?=") == "a =?bogus?Q?b?=");
}

TEST_CASE("output is always valid UTF-8") {
    const std::string hostile = "\xFF\xFE =?UTF-8?B?/w==?= =?ISO-8859-1?Q?=FF?= \xC3";
    const std::string out = decode_encoded_words(hostile);
    CHECK(maillab::protocols::core::is_valid_utf8(out));
    CHECK(out.find("\xC3\xBF") != std::string::npos);  // ÿ from ISO-8859-1
}

TEST_CASE("encoder: ASCII passes through, other words become UTF-8 B words") {
    CHECK(encode_header_text("Hello world") == "Hello world");
    CHECK(encode_header_text("Hello W\xC3\xB6rld") == "Hello =?UTF-8?B?V8O2cmxk?=");
    CHECK(encode_header_text("say =?x?q?y?=") != "say =?x?q?y?=");
}

TEST_CASE("encoder round-trips and keeps words within 75 characters") {
    std::string text =
        "Gr\xC3\xBC\xC3\x9F"
        "e aus K\xC3\xB6ln, ";
    for (int i = 0; i < 20; ++i)
        text += "\xE2\x82\xAC\xF0\x9F\x93\xA7 ";
    text += "end";
    const std::string encoded = encode_header_text(text);
    CHECK(decode_encoded_words(encoded) == text);
    std::size_t start = 0;
    while ((start = encoded.find("=?", start)) != std::string::npos) {
        const std::size_t end = encoded.find("?=", start + 10);
        REQUIRE(end != std::string::npos);
        CHECK(end + 2 - start <= kMaxEncodedWordChars);
        start = end + 2;
    }
    for (const char c : encoded)
        CHECK(static_cast<unsigned char>(c) < 0x80);
}

TEST_CASE("charset_to_utf8: unknown names and iconv suffixes are refused") {
    CHECK_FALSE(charset_to_utf8("x-unknown-charset", "a"));
    CHECK_FALSE(charset_to_utf8("UTF-8//TRANSLIT", "a"));
    CHECK(charset_to_utf8("latin1", "\xE9") == "\xC3\xA9");
    CHECK(charset_to_utf8("utf-8", "a\xFF") == "a\xEF\xBF\xBD");
}

TEST_CASE("limit: charset names longer than kMaxCharsetNameOctets are refused") {
    const std::string padded = "UTF-8" + std::string(kMaxCharsetNameOctets, '_');
    CHECK_FALSE(charset_to_utf8(padded, "a"));
    const std::string word = "=?" + padded + "?Q?a?=";
    CHECK(decode_encoded_words(word) == word);
}

TEST_CASE("a header full of unterminated encoded-word openers stays linear") {
    std::string hostile;
    while (hostile.size() < 64 * 1024)
        hostile += "=?a?b?X";
    hostile += "?=";
    CHECK(decode_encoded_words(hostile) == hostile);
    std::string spaced;
    while (spaced.size() < 64 * 1024)
        spaced += "=?utf-8?q?a b ";
    spaced += "?=";
    CHECK(decode_encoded_words(spaced) == spaced);
    std::string unknown;
    while (unknown.size() < 64 * 1024)
        unknown += "=?x-none?q?a?= =?koi8-r?q?=F0?= ";
    CHECK(decode_encoded_words(unknown).size() > 30000);
}
