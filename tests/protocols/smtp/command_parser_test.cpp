#include "protocols/smtp/command_parser.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::smtp;

TEST_CASE("split_command upper-cases the verb and keeps the argument") {
    const Command c = split_command("mail FROM:<a@b.test> SIZE=10");
    REQUIRE(c.verb == "MAIL");
    REQUIRE(c.argument == "FROM:<a@b.test> SIZE=10");
    REQUIRE(split_command("QUIT").argument.empty());
}

TEST_CASE("MAIL paths: ordinary, null, quoted, source route, UTF-8") {
    auto plain = parse_mail_argument("FROM:<alice@example.test>");
    REQUIRE(plain.ok());
    REQUIRE(plain.value->path.address() == "alice@example.test");
    REQUIRE(plain.value->parameters.empty());

    auto null = parse_mail_argument("FROM:<>");
    REQUIRE(null.ok());
    REQUIRE(null.value->path.null);
    REQUIRE(null.value->path.address().empty());

    auto quoted = parse_mail_argument("FROM:<\"john smith\"@example.test>");
    REQUIRE(quoted.ok());
    REQUIRE(quoted.value->path.local_part == "\"john smith\"");

    auto quoted_at = parse_mail_argument("FROM:<\"a@b>\"@example.test>");
    REQUIRE(quoted_at.ok());
    REQUIRE(quoted_at.value->path.domain == "example.test");

    auto routed = parse_mail_argument("FROM:<@relay.test,@other.test:bob@example.test>");
    REQUIRE(routed.ok());
    REQUIRE(routed.value->path.address() == "bob@example.test");

    auto utf8 = parse_mail_argument(
        "FROM:<j\xc3\xb6rg@b\xc3\xbc"
        "cher.test> SMTPUTF8");
    REQUIRE(utf8.ok());
    REQUIRE(utf8.value->path.non_ascii);

    auto literal = parse_mail_argument("FROM:<a@[192.0.2.1]>");
    REQUIRE(literal.ok());
    REQUIRE(literal.value->path.domain == "[192.0.2.1]");

    auto spaced = parse_mail_argument("FROM: <a@b.test>");
    REQUIRE(spaced.ok());
}

TEST_CASE("bad paths are 501 5.5.4") {
    for (const char* arg :
         {"FROM:a@b.test", "FROM:<a@b.test", "FROM:<a>", "FROM:<@b.test>", "FROM:<a..b@c.test>",
          "FROM:<.a@c.test>", "FROM:<a@-b.test>", "FROM:<a@b..test>", "TO:<a@b.test>",
          "FROM:<a@b.test>junk", "FROM:<\"unterminated@b.test>", "FROM:<a b@c.test>"}) {
        INFO(arg);
        auto r = parse_mail_argument(arg);
        REQUIRE_FALSE(r.ok());
        REQUIRE(r.error.code == 501);
        REQUIRE(r.error.enhanced == "5.5.4");
    }
}

TEST_CASE("RCPT paths: <postmaster> is legal, <> is not") {
    auto pm = parse_rcpt_argument("TO:<Postmaster>");
    REQUIRE(pm.ok());
    REQUIRE(pm.value->path.domain.empty());
    REQUIRE_FALSE(parse_rcpt_argument("TO:<>").ok());
    REQUIRE_FALSE(parse_mail_argument("FROM:<postmaster>").ok());
}

TEST_CASE("path length limits") {
    const std::string local(kMaxLocalPartOctets, 'a');
    REQUIRE(parse_mail_argument("FROM:<" + local + "@b.test>").ok());
    REQUIRE_FALSE(parse_mail_argument("FROM:<" + local + "a@b.test>").ok());
    std::string domain;
    while (domain.size() < kMaxDomainOctets)
        domain += "abcdefghi.";
    domain += "test";
    REQUIRE_FALSE(parse_mail_argument("FROM:<a@" + domain + ">").ok());
    const std::string long_path(kMaxPathOctets + 1, 'x');
    REQUIRE_FALSE(parse_path("<" + long_path + ">", true).ok());
}

TEST_CASE("MAIL parameters") {
    auto r = parse_mail_argument(
        "FROM:<a@b.test> SIZE=1000 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ+2B1 AUTH=<>");
    REQUIRE(r.ok());
    auto p = interpret_mail_parameters(r.value->parameters);
    REQUIRE(p.ok());
    REQUIRE(p.value->size == 1000u);
    REQUIRE(p.value->body == BodyType::EightBitMime);
    REQUIRE(p.value->smtputf8);
    REQUIRE(p.value->ret == DsnReturn::Headers);
    REQUIRE(p.value->envid == "QQ+2B1");
}

TEST_CASE("MAIL parameter errors: 555 for unknown, 501 for bad values") {
    auto check = [](const char* arg, int code) {
        INFO(arg);
        auto r = parse_mail_argument(arg);
        REQUIRE(r.ok());
        auto p = interpret_mail_parameters(r.value->parameters);
        REQUIRE_FALSE(p.ok());
        REQUIRE(p.error.code == code);
    };
    check("FROM:<a@b.test> FOO=1", 555);
    check("FROM:<a@b.test> BODY=BINARYMIME", 555);
    check("FROM:<a@b.test> SIZE=x", 501);
    check("FROM:<a@b.test> SIZE=99999999999999999999", 501);
    check("FROM:<a@b.test> SIZE=1 SIZE=2", 501);
    check("FROM:<a@b.test> RET=ALL", 501);
    check("FROM:<a@b.test> ENVID=a+zz", 501);
    check("FROM:<a@b.test> SMTPUTF8=yes", 501);
    REQUIRE_FALSE(parse_mail_argument("FROM:<a@b.test> =x").ok());
    REQUIRE_FALSE(parse_mail_argument("FROM:<a@b.test> SIZE=").ok());
}

TEST_CASE("too many parameters") {
    std::string arg = "FROM:<a@b.test>";
    for (std::size_t i = 0; i < kMaxParameters; ++i)
        arg += " X" + std::to_string(i);
    REQUIRE(parse_mail_argument(arg).ok());
    REQUIRE_FALSE(parse_mail_argument(arg + " ONEMORE").ok());
}

TEST_CASE("RCPT parameters: NOTIFY and ORCPT") {
    auto r = parse_rcpt_argument("TO:<a@b.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a+40b.test");
    REQUIRE(r.ok());
    auto p = interpret_rcpt_parameters(r.value->parameters);
    REQUIRE(p.ok());
    REQUIRE(p.value->notify.success);
    REQUIRE(p.value->notify.failure);
    REQUIRE_FALSE(p.value->notify.delay);
    REQUIRE(p.value->orcpt == "rfc822;a+40b.test");

    for (const char* bad : {"TO:<a@b.test> NOTIFY=NEVER,SUCCESS", "TO:<a@b.test> NOTIFY=SOMETIMES",
                            "TO:<a@b.test> ORCPT=nosemicolon", "TO:<a@b.test> ORCPT=rfc822;a+4"}) {
        INFO(bad);
        auto b = parse_rcpt_argument(bad);
        REQUIRE(b.ok());
        REQUIRE(interpret_rcpt_parameters(b.value->parameters).error.code == 501);
    }
    auto unknown = parse_rcpt_argument("TO:<a@b.test> SIZE=1");
    REQUIRE(interpret_rcpt_parameters(unknown.value->parameters).error.code == 555);
}

TEST_CASE("ENVID and ORCPT length limits") {
    auto envid = [](std::size_t n) {
        auto r = parse_mail_argument("FROM:<a@b.test> ENVID=" + std::string(n, 'e'));
        return interpret_mail_parameters(r.value->parameters).ok();
    };
    REQUIRE(envid(kMaxEnvidOctets));
    REQUIRE_FALSE(envid(kMaxEnvidOctets + 1));
    auto orcpt = [](std::size_t n) {
        auto r = parse_rcpt_argument("TO:<a@b.test> ORCPT=rfc822;" + std::string(n - 7, 'o'));
        return interpret_rcpt_parameters(r.value->parameters).ok();
    };
    REQUIRE(orcpt(kMaxOrcptOctets));
    REQUIRE_FALSE(orcpt(kMaxOrcptOctets + 1));
}

TEST_CASE("parse_decimal refuses junk and overflow") {
    REQUIRE(parse_decimal("0") == 0u);
    REQUIRE(parse_decimal("1234567890123456789") == 1234567890123456789u);
    REQUIRE_FALSE(parse_decimal("12345678901234567890"));
    REQUIRE_FALSE(parse_decimal(""));
    REQUIRE_FALSE(parse_decimal("-1"));
}
