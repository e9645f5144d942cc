#include "protocols/mta/router.hpp"

#include <catch2/catch.hpp>

using namespace maillab::protocols::mta;

namespace {

DnsAnswers example_net() {
    DnsAnswers dns;
    dns.mx = {{20, "mx2.example.net."}, {10, "mx1.example.net"}, {30, "backup.example.org"}};
    dns.addresses = {{"mx1.example.net", {"10.0.0.1"}},
                     {"mx2.example.net", {"10.0.0.2", "10.0.0.22"}},
                     {"backup.example.org", {"10.0.9.9"}}};
    return dns;
}

std::vector<std::string> hosts(const Route& route) {
    std::vector<std::string> out;
    for (const auto& t : route.targets)
        out.push_back(t.host + "/" + t.address);
    return out;
}

}  // namespace

TEST_CASE("MX hosts are tried lowest preference first, every address of each") {
    const Route route = route_domain("Example.NET", example_net(), {});
    REQUIRE(route.kind == RouteKind::Remote);
    REQUIRE(hosts(route) ==
            std::vector<std::string>{"mx1.example.net/10.0.0.1", "mx2.example.net/10.0.0.2",
                                     "mx2.example.net/10.0.0.22", "backup.example.org/10.0.9.9"});
    REQUIRE(route.targets[0].preference == 10);
    REQUIRE_FALSE(route.targets[0].implicit_mx);
    REQUIRE(route.why.reference == "RFC 5321 §5.1");
}

TEST_CASE("equal preferences: lexicographic by default, a seeded shuffle on request") {
    DnsAnswers dns;
    for (char c = 'a'; c <= 'h'; ++c) {
        const std::string host = std::string{c} + ".mx.test";
        dns.mx.push_back({10, host});
        dns.addresses[host] = {std::string{"10.1.0."} + c};
    }
    std::reverse(dns.mx.begin(), dns.mx.end());
    const Route sorted = route_domain("mx.test", dns, {});
    REQUIRE(sorted.targets.front().host == "a.mx.test");
    REQUIRE(sorted.targets.back().host == "h.mx.test");

    RouterConfig seeded;
    seeded.tie_shuffle_seed = 42;
    const Route first = route_domain("mx.test", dns, seeded);
    const Route again = route_domain("mx.test", dns, seeded);
    REQUIRE(hosts(first) == hosts(again));  // same seed, same order
    REQUIRE(hosts(first) != hosts(sorted));
    auto same_set = hosts(first);
    std::sort(same_set.begin(), same_set.end());
    REQUIRE(same_set == hosts(sorted));

    seeded.tie_shuffle_seed = 7;
    REQUIRE(hosts(route_domain("mx.test", dns, seeded)) != hosts(first));
}

TEST_CASE("a shuffle never moves a host across preferences") {
    DnsAnswers dns = example_net();
    dns.mx.push_back({10, "mx0.example.net"});
    dns.addresses["mx0.example.net"] = {"10.0.0.100"};
    RouterConfig config;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        config.tie_shuffle_seed = seed;
        const Route route = route_domain("example.net", dns, config);
        REQUIRE(route.targets.size() == 5);
        REQUIRE(route.targets[0].preference == 10);
        REQUIRE(route.targets[1].preference == 10);
        REQUIRE(route.targets[4].host == "backup.example.org");
    }
}

TEST_CASE("no MX: the domain's own address is an implicit MX") {
    DnsAnswers dns;
    dns.addresses = {{"small.test", {"10.2.0.1"}}};
    const Route route = route_domain("small.test", dns, {});
    REQUIRE(route.kind == RouteKind::Remote);
    REQUIRE(route.targets.size() == 1);
    REQUIRE(route.targets[0].implicit_mx);
    REQUIRE(route.targets[0].address == "10.2.0.1");

    dns.addresses.clear();
    const Route nowhere = route_domain("small.test", dns, {});
    REQUIRE(nowhere.kind == RouteKind::Bounce);
    REQUIRE(nowhere.reply.code == 550);
    REQUIRE(nowhere.reply.enhanced == "5.4.4");
}

TEST_CASE("a null MX bounces at once with 556 5.1.10 (RFC 7505)") {
    DnsAnswers dns;
    dns.mx = {{0, "."}};
    dns.addresses = {{"nomail.test", {"10.3.0.1"}}};  // an address does not matter
    const Route route = route_domain("nomail.test", dns, {});
    REQUIRE(route.kind == RouteKind::Bounce);
    REQUIRE(route.reply.code == 556);
    REQUIRE(route.reply.enhanced == "5.1.10");
    REQUIRE(route.targets.empty());
    REQUIRE(route.why.reference == "RFC 7505 §3");
}

TEST_CASE("local domains are delivered by the caller to the store") {
    RouterConfig config;
    config.local_domains = {"Example.ORG"};
    const Route route = route_domain("example.org", example_net(), config);
    REQUIRE(route.kind == RouteKind::Local);
    REQUIRE(route.targets.empty());
}

TEST_CASE("DNS failures: NXDOMAIN bounces, a temporary failure defers") {
    DnsAnswers dns;
    dns.status = DnsStatus::NoSuchDomain;
    const Route gone = route_domain("nosuch.test", dns, {});
    REQUIRE(gone.kind == RouteKind::Bounce);
    REQUIRE(gone.reply.enhanced == "5.1.2");

    dns.status = DnsStatus::TempFail;
    const Route later = route_domain("nosuch.test", dns, {});
    REQUIRE(later.kind == RouteKind::Defer);
    REQUIRE(later.reply.transient());
}

TEST_CASE("MX hosts without addresses are skipped, none left defers") {
    DnsAnswers dns = example_net();
    dns.addresses.erase("mx1.example.net");
    const Route route = route_domain("example.net", dns, {});
    REQUIRE(route.targets.front().host == "mx2.example.net");

    dns.addresses.clear();
    const Route none = route_domain("example.net", dns, {});
    REQUIRE(none.kind == RouteKind::Defer);
    REQUIRE(none.reply.enhanced == "4.4.4");
}

TEST_CASE("when we are an MX ourselves only better MX hosts are used") {
    RouterConfig config;
    config.own_hosts = {"mx2.example.net"};
    const Route route = route_domain("example.net", example_net(), config);
    REQUIRE(hosts(route) == std::vector<std::string>{"mx1.example.net/10.0.0.1"});

    config.own_hosts = {"MX1.example.net."};
    const Route loop = route_domain("example.net", example_net(), config);
    REQUIRE(loop.kind == RouteKind::Bounce);
    REQUIRE(loop.reply.enhanced == "5.4.6");
}

TEST_CASE("at most kMaxRouteTargets targets are returned") {
    DnsAnswers dns;
    dns.mx = {{10, "big.test"}};
    for (std::size_t i = 0; i < kMaxRouteTargets + 5; ++i) {
        dns.addresses["big.test"].push_back("10.4.0." + std::to_string(i));
    }
    REQUIRE(route_domain("big.test", dns, {}).targets.size() == kMaxRouteTargets);
}

TEST_CASE("connection failures and 4xx greetings move on to the next MX") {
    REQUIRE(should_try_next_target(TargetFailure::ConnectionRefused));
    REQUIRE(should_try_next_target(TargetFailure::Timeout));
    REQUIRE(should_try_next_target(TargetFailure::NoRouteToHost));
    REQUIRE(should_try_next_target(TargetFailure::Greeting4xx));
    REQUIRE(should_try_next_target(TargetFailure::Greeting5xx));
    REQUIRE_FALSE(should_try_next_target(TargetFailure::AfterGreeting));
}
