// The pieces together, the way the simulator drives them: due() → route each
// domain → try the targets in order (falling back on connection failures and
// 4xx greetings) or deliver locally → record_result.
#include <catch2/catch.hpp>
#include <map>

#include "mta_test_support.hpp"
#include "protocols/mta/return_path.hpp"
#include "protocols/mta/router.hpp"

using namespace maillab::test::mta;

namespace {

// What happens at each target address in this little world.
struct FakeWorld {
    std::map<std::string, DnsAnswers> dns;
    std::map<std::string, TargetFailure> failures;    // by address; absent = session runs
    std::map<std::string, std::string> rcpt_replies;  // by recipient; absent = "250 2.0.0 ok"
    std::vector<std::string> connections;             // addresses tried, in order
    std::vector<std::string> mailbox;                 // local deliveries
};

DeliveryResult deliver(FakeWorld& world, const Queue& queue, const Delivery& d,
                       const RouterConfig& config) {
    const Route route = route_domain(d.domain, world.dns[d.domain], config);
    DeliveryResult result;
    if (route.kind == RouteKind::Bounce || route.kind == RouteKind::Defer) {
        result.whole_domain = route.reply;
        return result;
    }
    const auto session = [&](Handoff handoff, std::string remote) {
        result.handoff = handoff;
        result.remote_mta = std::move(remote);
        for (const auto& address : d.recipients) {
            const auto found = world.rcpt_replies.find(address);
            const std::string line =
                found == world.rcpt_replies.end() ? "250 2.0.0 ok" : found->second;
            result.recipients.push_back({address, reply(line)});
            if (handoff == Handoff::FinalDelivery && line[0] == '2') {
                world.mailbox.push_back(
                    add_return_path(queue.find(d.id)->envelope.message, d.sender));
            }
        }
        return result;
    };
    if (route.kind == RouteKind::Local) return session(Handoff::FinalDelivery, "");
    for (const auto& target : route.targets) {
        world.connections.push_back(target.address);
        const auto failure = world.failures.find(target.address);
        if (failure == world.failures.end()) {
            return session(Handoff::RelayedToDsnServer, target.host);
        }
        if (!should_try_next_target(failure->second)) break;
    }
    result.whole_domain = reply("421 4.4.1 no MX host could be reached");
    return result;
}

}  // namespace

TEST_CASE("store and forward: MX fallback, null MX, local delivery, bounce to the sender") {
    FakeWorld world;
    world.dns["example.net"].mx = {
        {10, "mx1.example.net"}, {20, "mx2.example.net"}, {30, "mx3.example.net"}};
    world.dns["example.net"].addresses = {{"mx1.example.net", {"10.0.0.1"}},
                                          {"mx2.example.net", {"10.0.0.2"}},
                                          {"mx3.example.net", {"10.0.0.3"}}};
    world.dns["nomail.test"].mx = {{0, "."}};
    world.failures["10.0.0.1"] = TargetFailure::ConnectionRefused;
    world.failures["10.0.0.2"] = TargetFailure::Greeting4xx;
    RouterConfig config;
    config.local_domains = {"example.org"};
    QueueConfig queue_config;
    queue_config.hostname = "mail.example.org";
    Queue queue{queue_config};

    add(queue,
        envelope("alice@example.org",
                 {rcpt("bob@example.net"), rcpt("carol@nomail.test"), rcpt("dan@example.org")}),
        0);
    std::vector<QueueChange> trace;
    for (int round = 0; round < 3; ++round) {
        auto due = queue.due(0);
        for (auto& c : due.changes)
            trace.push_back(c);
        for (const auto& d : due.deliveries) {
            for (auto& c :
                 queue.record_result(d.id, d.domain, deliver(world, queue, d, config), 0)) {
                trace.push_back(c);
            }
        }
    }
    REQUIRE(world.connections == std::vector<std::string>{"10.0.0.1", "10.0.0.2", "10.0.0.3"});
    REQUIRE(queue.size() == 0);

    std::vector<std::string> kinds;
    for (const auto& c : trace) {
        kinds.push_back(std::string{to_string(c.kind)} + " " + format_queue_id(c.id) + " " +
                        (c.recipient.empty() ? c.domain : c.recipient));
    }
    REQUIRE(kinds == std::vector<std::string>{
                         "attempt 00000001 example.net",
                         "attempt 00000001 example.org",
                         "attempt 00000001 nomail.test",
                         "delivered 00000001 bob@example.net",
                         "delivered 00000001 dan@example.org",
                         "bounced 00000001 carol@nomail.test",
                         "dsn 00000001 alice@example.org",
                         "queued 00000002 alice@example.org",
                         "attempt 00000002 example.org",
                         "delivered 00000002 alice@example.org",
                     });
    REQUIRE(world.mailbox.size() == 2);
    REQUIRE(world.mailbox[0].rfind("Return-Path: <alice@example.org>\r\n", 0) == 0);
    REQUIRE(world.mailbox[1].rfind("Return-Path: <>\r\n", 0) == 0);  // the bounce
    REQUIRE(world.mailbox[1].find("Diagnostic-Code: smtp; 556 5.1.10") != std::string::npos);
}
