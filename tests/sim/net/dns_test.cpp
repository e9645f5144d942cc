#include "sim/net/dns.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "tests/sim/net/test_world.hpp"

using namespace maillab::sim;
using maillab::test::TestWorld;

namespace {

struct DnsWorld : TestWorld {
    DnsWorld() : TestWorld(1, {.latency = 3'000}, {.latency = 2'000}), dns_service(net, dns) {
        dns_service.add_a("mail.example.test", "192.0.2.25");
        dns_service.add_a("mail.example.test", "192.0.2.26");
        dns_service.add_mx("example.test", 20, "backup.example.test");
        dns_service.add_mx("example.test", 10, "MAIL.example.test.");
        dns_service.add_a("nomail.test", "192.0.2.99");
    }
    std::optional<DnsResult> ask(DnsType type, std::string_view name) {
        std::optional<DnsResult> result;
        dns_service.query(laptop, type, name, [&](const DnsResult& r) {
            REQUIRE_FALSE(result);  // exactly once
            result = r;
        });
        sim.run_until_idle();
        return result;
    }
    Dns dns_service;
};

}  // namespace

TEST_CASE("an A query takes a round trip and returns every address") {
    DnsWorld w;
    const auto r = w.ask(DnsType::A, "Mail.Example.Test");
    REQUIRE(r->status == DnsStatus::Ok);
    REQUIRE(r->addresses ==
            std::vector<Ipv4>{*parse_ipv4("192.0.2.25"), *parse_ipv4("192.0.2.26")});
    const auto query = w.events(EventKind::DnsQuery);
    const auto answer = w.events(EventKind::DnsAnswer);
    REQUIRE(query.size() == 1);
    REQUIRE(answer.size() == 1);
    REQUIRE(w.sim.trace().payload(*query[0]) == "A mail.example.test");
    REQUIRE(query[0]->host == w.laptop);
    REQUIRE(query[0]->peer == w.dns);
    REQUIRE(w.sim.trace().payload(*answer[0]) == "192.0.2.25\n192.0.2.26");
    REQUIRE(answer[0]->value == 0);
    REQUIRE(answer[0]->t - query[0]->t > 2 * (3'000 + 2'000));
    REQUIRE(answer[0]->t - query[0]->t < 2 * (3'000 + 2'000) + 100);
}

TEST_CASE("an MX query lists exchanges by preference") {
    DnsWorld w;
    const auto r = w.ask(DnsType::MX, "example.test");
    REQUIRE(r->status == DnsStatus::Ok);
    REQUIRE(r->mx == std::vector<MxRecord>{{10, "mail.example.test"}, {20, "backup.example.test"}});
    const auto answer = w.events(EventKind::DnsAnswer).front();
    REQUIRE(w.sim.trace().payload(*answer) == "10 mail.example.test\n20 backup.example.test");
    REQUIRE(w.sim.trace().ref(*answer) == "RFC 5321 §5.1");
}

TEST_CASE("a name without MX records answers no data, an unknown name NXDOMAIN") {
    DnsWorld w;
    auto r = w.ask(DnsType::MX, "nomail.test");
    REQUIRE(r->status == DnsStatus::NoData);
    REQUIRE(r->mx.empty());
    REQUIRE(w.sim.trace().note(*w.events(EventKind::DnsAnswer).back()).find("implicit MX") !=
            std::string_view::npos);
    r = w.ask(DnsType::A, "example.test");
    REQUIRE(r->status == DnsStatus::NoData);
    r = w.ask(DnsType::MX, "nowhere.test");
    REQUIRE(r->status == DnsStatus::NxDomain);
    REQUIRE(w.events(EventKind::DnsAnswer).back()->value == 3);
    r = w.ask(DnsType::A, std::string(Dns::kMaxNameOctets + 10, 'a'));
    REQUIRE(r->status == DnsStatus::NxDomain);
    REQUIRE_THROWS_AS(w.dns_service.add_a(std::string(Dns::kMaxNameOctets + 1, 'a'), "10.0.0.1"),
                      std::invalid_argument);
}

TEST_CASE("a query times out when the DNS host is unreachable") {
    DnsWorld w;
    w.net.set_link_up(w.dns_link, false);
    const auto r = w.ask(DnsType::MX, "example.test");
    REQUIRE(r->status == DnsStatus::Timeout);
    const auto answer = w.events(EventKind::DnsAnswer).front();
    REQUIRE(answer->value == -1);
    REQUIRE(answer->t == Dns::kTimeout);
    REQUIRE(w.sim.trace().note(*answer) ==
            "no answer within 5 s: the DNS server is unreachable or a packet was lost");
    w.net.set_link_up(w.dns_link, true);
    w.net.set_host_up(w.dns, false);
    REQUIRE(w.ask(DnsType::A, "mail.example.test")->status == DnsStatus::Timeout);
}
