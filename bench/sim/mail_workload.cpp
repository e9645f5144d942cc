#include "bench/sim/mail_workload.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/sim/mail_conversations.hpp"
#include "protocols/core/engine_pair.hpp"
#include "sim/net/service.hpp"

namespace maillab::bench {

namespace {

using Clock = std::chrono::steady_clock;
using Conversations = std::vector<std::unique_ptr<MailConversation>>;
namespace sim = maillab::sim;

constexpr std::size_t kMailboxes = 200;   // per protocol and run
constexpr sim::SimTime kStagger = 1'000;  // a new conversation every millisecond of virtual time

struct Workload {
    MailProtocol protocol;
    std::size_t conversations;
    const char* what;
};

constexpr std::array<Workload, 3> kWorkloads{{
    {MailProtocol::Smtp, kMailboxes* kMessagesPerMailbox, "submit 1 message each"},
    {MailProtocol::Pop3, kMailboxes, "download and delete 5 messages each"},
    {MailProtocol::Imap, kMailboxes, "sync an INBOX of 5 messages each"},
}};

struct Run {
    double seconds = 0;
    std::size_t complete = 0;
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::size_t count_complete(Conversations& conversations) {
    return static_cast<std::size_t>(std::count_if(conversations.begin(), conversations.end(),
                                                  [](auto& c) { return c->succeeded(); }));
}

Run run_engine_pairs(Conversations& conversations) {
    // Clients stay alive for the check after the clock stops, as on the network.
    std::vector<std::unique_ptr<protocols::core::Session>> clients;
    clients.reserve(conversations.size());
    Run r;
    const auto start = Clock::now();
    for (auto& conversation : conversations) {
        auto server = conversation->make_server();
        clients.push_back(conversation->make_client());
        protocols::core::EnginePair pair{*clients.back(), *server};
        pair.start();
        pair.pump();
    }
    r.seconds = seconds_since(start);
    r.complete = count_complete(conversations);
    return r;
}

// The echo part's topology: laptop - router - server.
Run run_network(MailProtocol protocol, Conversations& conversations) {
    Run r;
    const auto start = Clock::now();
    sim::Simulator simulator{1};
    sim::Network net{simulator};
    sim::Tcp tcp{net};
    const auto device = net.add_host("laptop", "10.0.0.2", sim::HostRole::Device);
    const auto router = net.add_host("internet", "10.0.0.1", sim::HostRole::Router);
    const auto server = net.add_host("mail.test", "192.0.2.25", sim::HostRole::Server);
    net.add_link(device, router, {.latency = 5'000, .bandwidth_bps = 100'000'000});
    net.add_link(router, server, {.latency = 1'000, .bandwidth_bps = 1'000'000'000});
    const auto port = protocol_port(protocol);
    // Every conversation is alike, so the n-th accepted connection takes the n-th server.
    std::size_t accepted = 0;
    sim::Service service{
        tcp, server, port, std::string{protocol_name(protocol)},
        [&](const sim::Connection&) { return conversations.at(accepted++)->make_server(); }};
    std::vector<std::shared_ptr<sim::SessionHost>> hosts;  // keep the clients to check them
    hosts.reserve(conversations.size());
    for (std::size_t i = 0; i < conversations.size(); ++i) {
        simulator.schedule_at(static_cast<sim::SimTime>(i) * kStagger, [&, i] {
            hosts.push_back(sim::SessionHost::connect(tcp, device, "mail.test", port,
                                                      conversations[i]->make_client()));
        });
    }
    simulator.run_until_idle();
    r.seconds = seconds_since(start);
    r.complete = count_complete(conversations);
    return r;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Samples {  // one wall time per round
    std::vector<double> a, b;
};

}  // namespace

bool run_mail_workload(std::size_t rounds) {
    std::array<Samples, kWorkloads.size()> per_workload;
    Samples total;
    std::size_t conversations = 0, complete = 0;
    bool ok = true;
    for (std::size_t round = 0; round < rounds; ++round) {
        double total_a = 0, total_b = 0;
        for (std::size_t w = 0; w < kWorkloads.size(); ++w) {
            const Workload& workload = kWorkloads[w];
            // Stores are built and filled before each run, outside its clock.
            auto direct = make_conversations(workload.protocol, workload.conversations);
            const Run a = run_engine_pairs(direct);
            auto network = make_conversations(workload.protocol, workload.conversations);
            const Run b = run_network(workload.protocol, network);
            per_workload[w].a.push_back(a.seconds);
            per_workload[w].b.push_back(b.seconds);
            total_a += a.seconds;
            total_b += b.seconds;
            conversations += 2 * workload.conversations;
            complete += a.complete + b.complete;
            for (const auto& [side, run] : {std::pair{"(a)", a}, std::pair{"(b)", b}}) {
                if (run.complete == workload.conversations) continue;
                ok = false;
                std::printf("ERROR: mail %s %s round %zu: %zu/%zu conversations complete\n",
                            protocol_name(workload.protocol).data(), side, round + 1, run.complete,
                            workload.conversations);
            }
        }
        total.a.push_back(total_a);
        total.b.push_back(total_b);
    }

    std::printf(
        "maillab simulator benchmark, mail workload: real engines over in-memory stores, "
        "median of %zu rounds,\n    conversations counted over all rounds and both sides\n",
        rounds);
    for (std::size_t w = 0; w < kWorkloads.size(); ++w) {
        std::printf("    %s: %zu conversations (%s): (a) %.3f s, (b) %.3f s\n",
                    protocol_name(kWorkloads[w].protocol).data(), kWorkloads[w].conversations,
                    kWorkloads[w].what, median(per_workload[w].a), median(per_workload[w].b));
    }
    const double a = median(total.a), b = median(total.b);
    std::printf(
        "mail engines (SMTP+POP3+IMAP): (a) EnginePair %.3f s, (b) virtual network %.3f s, "
        "%zu/%zu conversations complete\n",
        a, b, complete, conversations);
    std::printf("ratio mail (b)/(a) wall time: %.2f\n", b / a);
    for (std::size_t w = 0; w < kWorkloads.size(); ++w) {
        std::printf("ratio mail %s (b)/(a) wall time: %.2f\n",
                    protocol_name(kWorkloads[w].protocol).data(),
                    median(per_workload[w].b) / median(per_workload[w].a));
    }
    if (!ok) std::printf("ERROR: not every mail conversation completed\n");
    return ok;
}

}  // namespace maillab::bench
