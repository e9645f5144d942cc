#include "protocols/mta/dsn.hpp"

#include <catch2/catch.hpp>

#include "mta_test_support.hpp"

using namespace maillab::test::mta;

namespace {

Envelope failed_envelope(Ret ret) {
    Envelope env = envelope("alice@example.org",
                            {rcpt("bob@example.net", "FAILURE", "rfc822;Bob+2BTag@example.net"),
                             rcpt("carol@example.net")});
    env.id = 5;
    env.envid = "QQ+2B314159";
    env.ret = ret;
    env.arrival = 0;
    for (auto& r : env.recipients) {
        r.state = RecipientState::Bounced;
        r.reply = reply("550 5.1.1 <" + r.address + ">: no such user");
        r.status = "5.1.1";
        r.remote_mta = "mx1.example.net";
        r.last_attempt = 3 * kMicrosPerMinute;
    }
    return env;
}

std::string compose_failure(const Envelope& env) {
    std::vector<DsnReport> reports;
    for (const auto& r : env.recipients)
        reports.push_back(make_dsn_report(r, DsnAction::Failed));
    return compose_dsn(
        env, reports,
        DsnContext{"mail.example.org", 4 * kMicrosPerMinute, kDefaultWorldEpochUnixSeconds, 6});
}

bool has_header(const std::string& headers, std::string_view line) {
    return headers.find(std::string{line} + "\r\n") != std::string::npos;
}

}  // namespace

TEST_CASE("a failure DSN is a three-part multipart/report") {
    const std::string message = compose_failure(failed_envelope(Ret::Unspecified));
    const ParsedDsn dsn = parse_dsn(message);
    REQUIRE(dsn.boundary == "maillab-dsn-00000006-240000000");
    REQUIRE(dsn.closed);
    REQUIRE(dsn.parts.size() == 3);
    REQUIRE(has_header(dsn.headers, "From: Mail Delivery System <MAILER-DAEMON@mail.example.org>"));
    REQUIRE(has_header(dsn.headers, "To: <alice@example.org>"));
    REQUIRE(has_header(dsn.headers, "Subject: Undelivered Mail Returned to Sender"));
    REQUIRE(has_header(dsn.headers, "Date: Thu, 01 Jan 2026 00:04:00 +0000"));
    REQUIRE(has_header(dsn.headers, "Auto-Submitted: auto-replied"));
    REQUIRE(dsn.headers.find("Content-Type: multipart/report; report-type=delivery-status;") !=
            std::string::npos);

    REQUIRE(has_header(dsn.parts[0].headers, "Content-Type: text/plain; charset=us-ascii"));
    REQUIRE(dsn.parts[0].body.find("<bob@example.net>: delivery failed for good; host "
                                   "mx1.example.net said: 550 5.1.1") != std::string::npos);
    REQUIRE(has_header(dsn.parts[1].headers, "Content-Type: message/delivery-status"));
    // Without RET a failure returns the whole message.
    REQUIRE(has_header(dsn.parts[2].headers, "Content-Type: message/rfc822"));
    REQUIRE(dsn.parts[2].body == kMessage);
    // Every line ends with CRLF.
    for (std::size_t i = 0; i < message.size(); ++i) {
        if (message[i] == '\n') REQUIRE((i > 0 && message[i - 1] == '\r'));
    }
}

TEST_CASE("the delivery-status part has the RFC 3464 fields") {
    const auto dsn = parse_dsn(compose_failure(failed_envelope(Ret::Full)));
    const auto groups = status_groups(dsn.parts[1].body);
    REQUIRE(groups.size() == 3);
    REQUIRE(groups[0].at("Reporting-MTA") == "dns; mail.example.org");
    REQUIRE(groups[0].at("Original-Envelope-Id") == "QQ+314159");  // xtext decoded
    REQUIRE(groups[0].at("Arrival-Date") == "Thu, 01 Jan 2026 00:00:00 +0000");

    REQUIRE(groups[1].at("Original-Recipient") == "rfc822; Bob+Tag@example.net");
    REQUIRE(groups[1].at("Final-Recipient") == "rfc822; bob@example.net");
    REQUIRE(groups[1].at("Action") == "failed");
    REQUIRE(groups[1].at("Status") == "5.1.1");
    REQUIRE(groups[1].at("Remote-MTA") == "dns; mx1.example.net");
    REQUIRE(groups[1].at("Diagnostic-Code") == "smtp; 550 5.1.1 <bob@example.net>: no such user");
    REQUIRE(groups[1].at("Last-Attempt-Date") == "Thu, 01 Jan 2026 00:03:00 +0000");

    REQUIRE_FALSE(groups[2].contains("Original-Recipient"));  // no ORCPT given
    REQUIRE(groups[2].at("Final-Recipient") == "rfc822; carol@example.net");
}

TEST_CASE("RET=HDRS returns only the header section, RET=FULL the whole message") {
    const auto hdrs = parse_dsn(compose_failure(failed_envelope(Ret::Hdrs)));
    REQUIRE(has_header(hdrs.parts[2].headers, "Content-Type: text/rfc822-headers"));
    REQUIRE(hdrs.parts[2].body.find("Subject: Lunch\r\n") != std::string::npos);
    REQUIRE(hdrs.parts[2].body.find("See you at noon.") == std::string::npos);

    const auto full = parse_dsn(compose_failure(failed_envelope(Ret::Full)));
    REQUIRE(has_header(full.parts[2].headers, "Content-Type: message/rfc822"));
    REQUIRE(full.parts[2].body.find("See you at noon.") != std::string::npos);
}

TEST_CASE("a success notice returns headers only unless RET=FULL") {
    Envelope env = envelope("alice@example.org", {rcpt("bob@example.net", "SUCCESS")});
    env.recipients[0].reply = reply("250 2.0.0 stored");
    const std::vector<DsnReport> reports{make_dsn_report(env.recipients[0], DsnAction::Delivered)};
    const auto dsn = parse_dsn(compose_dsn(env, reports, {"mail.example.org", 0}));
    REQUIRE(has_header(dsn.headers, "Subject: Successful Mail Delivery Report"));
    REQUIRE(has_header(dsn.parts[2].headers, "Content-Type: text/rfc822-headers"));
    const auto groups = status_groups(dsn.parts[1].body);
    REQUIRE(groups[1].at("Action") == "delivered");
    REQUIRE(groups[1].at("Status") == "2.0.0");
    REQUIRE_FALSE(groups[0].contains("Original-Envelope-Id"));

    env.ret = Ret::Full;
    const auto full = parse_dsn(compose_dsn(env, reports, {"mail.example.org", 0}));
    REQUIRE(has_header(full.parts[2].headers, "Content-Type: message/rfc822"));
}

TEST_CASE("who gets a DSN: never for <>, never for NOTIFY=NEVER") {
    const Envelope normal = envelope("alice@example.org", {});
    const Envelope bounce = envelope("", {});
    const Recipient plain = rcpt("bob@example.net");
    const Recipient never = rcpt("bob@example.net", "NEVER");
    const Recipient all = rcpt("bob@example.net", "SUCCESS,FAILURE,DELAY");

    REQUIRE(dsn_wanted(normal, plain, DsnAction::Failed));
    REQUIRE_FALSE(dsn_wanted(normal, plain, DsnAction::Delivered));
    REQUIRE_FALSE(dsn_wanted(normal, plain, DsnAction::Delayed));
    REQUIRE_FALSE(dsn_wanted(normal, never, DsnAction::Failed));
    REQUIRE(dsn_wanted(normal, all, DsnAction::Delivered));
    REQUIRE(dsn_wanted(normal, all, DsnAction::Relayed));
    REQUIRE(dsn_wanted(normal, all, DsnAction::Delayed));
    for (auto action : {DsnAction::Failed, DsnAction::Delayed, DsnAction::Delivered}) {
        REQUIRE_FALSE(dsn_wanted(bounce, all, action));
    }
}

TEST_CASE("the boundary never occurs inside the returned message") {
    Envelope env = failed_envelope(Ret::Full);
    env.message = "Subject: tricky\r\n\r\n--maillab-dsn-00000006-240000000\r\nhello\r\n";
    const std::string message = compose_failure(env);
    const auto dsn = parse_dsn(message);
    REQUIRE(dsn.boundary != "maillab-dsn-00000006-240000000");
    REQUIRE(env.message.find(dsn.boundary) == std::string::npos);
    REQUIRE(dsn.parts.size() == 3);
    REQUIRE(dsn.parts[2].body == env.message);
}

TEST_CASE("peer text cannot inject header lines into the report") {
    Envelope env = failed_envelope(Ret::Hdrs);
    env.recipients[0].reply.text = "no\r\nX-Injected: yes";
    env.recipients[0].remote_mta = "evil\r\nAction: delivered";
    const auto dsn = parse_dsn(compose_failure(env));
    const auto groups = status_groups(dsn.parts[1].body);
    REQUIRE_FALSE(groups[1].contains("X-Injected"));
    REQUIRE(groups[1].at("Action") == "failed");
    REQUIRE(groups[1].at("Diagnostic-Code") == "smtp; 550 5.1.1 no  X-Injected: yes");
}

TEST_CASE("a DSN envelope comes from <> and goes to the original sender") {
    const Envelope original = failed_envelope(Ret::Hdrs);
    const std::vector<DsnReport> reports{
        make_dsn_report(original.recipients[0], DsnAction::Failed)};
    const Envelope dsn = make_dsn_envelope(original, reports, {"mail.example.org", 9, 0, 11});
    REQUIRE(dsn.sender.empty());
    REQUIRE(dsn.is_bounce());
    REQUIRE(dsn.id == 11);
    REQUIRE(dsn.recipients.size() == 1);
    REQUIRE(dsn.recipients[0].address == "alice@example.org");
    REQUIRE(dsn.recipients[0].notify.never);
    REQUIRE(dsn.message.find("Message-ID: <dsn.0000000B.9@mail.example.org>\r\n") !=
            std::string::npos);
}

TEST_CASE("xtext decoding") {
    REQUIRE(decode_xtext("a+2Bb+3Dc") == "a+b=c");
    REQUIRE(decode_xtext("a+2") == "a+2");
    REQUIRE(decode_xtext("+zz") == "+zz");
}
