// What the loader fills in for the runner: defaults resolved from the device
// account, the implicit links and the derived DNS records.
#include <catch2/catch.hpp>

#include "tests/sim/lesson/lesson_test_support.hpp"

using namespace maillab::sim::lesson;
using namespace maillab::sim::lesson::test;

namespace {

LessonSpec load(const std::string& text) {
    LoadResult r = parse_lesson(text, "t.toml");
    for (const auto& d : r.diagnostics)
        UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(r.ok());
    return *r.lesson;
}

}  // namespace

TEST_CASE("the world gets one link per host to the internet with the default latency") {
    LessonSpec l = load(kTinyLesson);
    REQUIRE(l.world.links.size() == 2);
    const LinkSpec* link = l.world.link("internet", "laptop");
    REQUIRE(link != nullptr);
    CHECK(link->implicit);
    CHECK(link->latency == kDefaultLatency);
    CHECK(link->bandwidth == kDefaultBandwidth);
}

TEST_CASE("[world] latency and [[world.links]] change the links") {
    std::string text = with_line(kTinyLesson, 7, "[world]\nlatency = \"30ms\"");
    text +=
        "[[world.links]]\nbetween = [\"laptop\", \"internet\"]\nlatency = \"200ms\"\n"
        "bandwidth = \"1Mbps\"\nloss = 0.05\n"
        "[[world.links]]\nbetween = [\"laptop\", \"mail.example.org\"]\nlatency = \"1ms\"\n";
    // The appended tables belong to [world] only after [[quiz]], so move them up.
    text = with_line(kTinyLesson, 7,
                     "[world]\nlatency = \"30ms\"\n"
                     "[[world.links]]\nbetween = [\"laptop\", \"internet\"]\n"
                     "latency = \"200ms\"\nbandwidth = \"1Mbps\"\nloss = 0.05\n"
                     "[[world.links]]\nbetween = [\"laptop\", \"mail.example.org\"]\n"
                     "latency = \"1ms\"");
    LessonSpec l = load(text);
    REQUIRE(l.world.links.size() == 3);
    CHECK(l.world.link("mail.example.org", "internet")->latency == 30'000);
    const LinkSpec* laptop = l.world.link("laptop", "internet");
    CHECK_FALSE(laptop->implicit);
    CHECK(laptop->latency == 200'000);
    CHECK(laptop->bandwidth == 1'000'000u);
    CHECK(laptop->loss == Approx(0.05));
    CHECK(l.world.link("mail.example.org", "laptop")->latency == 1'000);
}

TEST_CASE("DNS: A records for hosts, MX for domains, overrides replace by name and type") {
    LessonSpec plain = load(kTinyLesson);
    REQUIRE(plain.world.dns.size() == 3);
    CHECK(plain.world.dns[1].name == "example.org");
    CHECK(plain.world.dns[1].type == DnsType::Mx);
    CHECK(plain.world.dns[1].value == "mail.example.org");

    LessonSpec l = load(with_line(kTinyLesson, 7,
                                  "[world]\n[[world.dns]]\nname = \"example.org\"\n"
                                  "type = \"MX\"\nvalue = \"backup.example.org\"\n"
                                  "preference = 20"));
    std::vector<const DnsRecord*> mx;
    for (const auto& r : l.world.dns)
        if (r.name == "example.org" && r.type == DnsType::Mx) mx.push_back(&r);
    REQUIRE(mx.size() == 1);
    CHECK(mx[0]->value == "backup.example.org");
    CHECK(mx[0]->preference == 20);
    CHECK(mx[0]->from_file);
}

TEST_CASE("device actions take their defaults from the device account") {
    std::string text = with_line(kTinyLesson, 13,
                                 "services = [\"smtp\", \"submission\", \"submissions\", \"pop3\", "
                                 "\"pop3s\", \"imap\"]");
    text =
        with_line(text, 27, "password = \"secret\"\nleave_on_server = true\ndelete_after_days = 7");
    text =
        with_line(text, 34,
                  "actions = [{ do = \"pop3-check\", device = \"laptop\" },"
                  " { do = \"pop3-check\", device = \"laptop\", leave_on_server = false, tls = "
                  "\"implicit\" },"
                  " { do = \"send\", device = \"laptop\", from = \"a@x.org\", to = \"b@x.org\", "
                  "subject = \"s\", port = 465 },"
                  " { do = \"send\", device = \"laptop\", from = \"a@x.org\", to = [\"b@x.org\", "
                  "\"c@x.org\"], subject = \"s\", notify = [\"success\", \"delay\"] }]");
    LessonSpec l = load(text);
    const auto& actions = l.steps.at(0).actions;
    REQUIRE(actions.size() == 4);
    const auto& first = std::get<Pop3CheckAction>(actions[0].kind);
    CHECK(first.who.account == "alice");
    CHECK(first.leave_on_server);
    CHECK(first.only_new);
    CHECK(first.delete_after_days == 7);
    CHECK(first.tls == Tls::StartTls);
    const auto& second = std::get<Pop3CheckAction>(actions[1].kind);
    CHECK_FALSE(second.leave_on_server);
    CHECK(second.tls == Tls::Implicit);
    const auto& implicit = std::get<SendAction>(actions[2].kind);
    CHECK(implicit.port == 465);
    CHECK(implicit.tls == Tls::Implicit);
    const auto& plain = std::get<SendAction>(actions[3].kind);
    CHECK(plain.port == 587);
    CHECK(plain.tls == Tls::StartTls);
    CHECK(plain.to == std::vector<std::string>{"b@x.org", "c@x.org"});
    CHECK(plain.notify == std::vector<DsnNotify>{DsnNotify::Success, DsnNotify::Delay});
    CHECK(actions[3].name == "send");
    CHECK(actions[3].where.line == 34);
}

TEST_CASE("stored messages, quotas, queue overrides and checks are carried over") {
    std::string text =
        with_line(kTinyLesson, 17,
                  "password = \"secret\"\nquota_size = \"50KB\"\nquota_messages = 3\n"
                  "folders = [\"Archive\"]\n"
                  "[[world.servers.accounts.messages]]\nmailbox = \"Archive\"\n"
                  "from = \"c@x.org\"\nto = \"alice@example.org\"\nsubject = \"Old\"\n"
                  "flags = [\"\\\\Seen\"]\nage = \"3d\"\nsize = \"2KiB\"");
    text = with_line(
        text, 13,
        "services = [\"smtp\", \"imap\"]\nqueue = { retry = [\"1m\", \"5m\"], lifetime = \"2h\" }");
    LessonSpec l = load(text);
    const ServerSpec& s = l.world.servers.at(0);
    CHECK(s.queue.retry == std::vector<Micros>{60'000'000, 300'000'000});
    CHECK(s.queue.lifetime == Micros{7'200'000'000});
    const AccountSpec& a = s.accounts.at(0);
    CHECK(a.quota_bytes == 50'000u);
    CHECK(a.quota_messages == 3u);
    REQUIRE(a.messages.size() == 1);
    CHECK(a.messages[0].mailbox == "Archive");
    CHECK(a.messages[0].flags == std::vector<std::string>{"\\Seen"});
    CHECK(a.messages[0].age == Micros{3} * 86'400'000'000);
    CHECK(a.messages[0].size == 2048u);
    const auto& check = std::get<MailboxCountCheck>(l.steps.at(0).checks.at(0).kind);
    CHECK(check.server == "mail.example.org");
    CHECK(check.mailbox == "INBOX");
}

TEST_CASE("a mailbox created by imap-create can be checked afterwards") {
    std::string text =
        with_line(kTinyLesson, 32,
                  "actions = [{ do = \"imap-create\", device = \"laptop\", mailbox = \"Work\" }]");
    text =
        with_line(text, 33,
                  "checks = [{ check = \"mailbox-count\", server = \"mail.example.org\", account = "
                  "\"alice\", mailbox = \"Work\", equals = 0, say = \"Work is empty\" }]");
    LessonSpec l = load(text);
    CHECK(l.steps[0].checks[0].say == "Work is empty");
    CHECK(std::get<MailboxCountCheck>(l.steps[0].checks[0].kind).mailbox == "Work");
}
