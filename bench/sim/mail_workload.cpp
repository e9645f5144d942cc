#include "bench/sim/mail_workload.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/sim/bench_support.hpp"
#include "bench/sim/mail_conversations.hpp"
#include "protocols/core/engine_pair.hpp"
#include "sim/net/service.hpp"

namespace maillab::bench {

namespace {

using Conversations = std::vector<std::unique_ptr<MailConversation>>;

constexpr std::size_t kMailboxes = 200;  // per protocol and run

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

// (a) EnginePair, (b) network one at a time, (c) network 1 ms apart.
constexpr std::size_t kRuns = 3;
constexpr std::array<const char*, kRuns> kRunNames{"(a)", "(b)", "(c)"};

struct Run {
    double seconds = 0;
    std::size_t complete = 0;
    std::size_t peak_open = 1;
};

std::size_t count_complete(Conversations& conversations) {
    return static_cast<std::size_t>(std::count_if(conversations.begin(), conversations.end(),
                                                  [](auto& c) { return c->succeeded(); }));
}

// Out of line, as run_network: a profile then tells the two sides apart.
[[gnu::noinline]] Run run_engine_pairs(Conversations& conversations) {
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
    const double running = seconds_since(start);
    r.complete = count_complete(conversations);
    const auto teardown = Clock::now();  // timed on both sides; the check above is not
    clients.clear();
    r.seconds = running + seconds_since(teardown);
    return r;
}

[[gnu::noinline]] Run run_network(MailProtocol protocol, Conversations& conversations,
                                  Arrival arrival) {
    Run r;
    const auto start = Clock::now();
    auto world = std::make_unique<Topology>("mail.test", "192.0.2.25");
    const auto port = protocol_port(protocol);
    // Conversations differ only in their text, so the n-th accepted connection takes the n-th
    // server.
    std::size_t accepted = 0;
    auto service = std::make_unique<sim::Service>(
        world->tcp, world->server, port, std::string{protocol_name(protocol)},
        [&](const sim::Connection&) { return conversations.at(accepted++)->make_server(); });
    std::vector<std::shared_ptr<sim::SessionHost>> hosts;  // keep the clients to check them
    hosts.reserve(conversations.size());
    schedule_arrivals(world->simulator, conversations.size(), arrival, [&](std::size_t i) {
        hosts.push_back(sim::SessionHost::connect(world->tcp, world->laptop, "mail.test", port,
                                                  conversations[i]->make_client()));
    });
    world->simulator.run_until_idle();
    const double running = seconds_since(start);
    r.complete = count_complete(conversations);
    r.peak_open = peak_open_connections(world->simulator.trace());
    const auto teardown = Clock::now();  // timed on both sides; the check above is not
    hosts.clear();
    service.reset();
    world.reset();
    r.seconds = running + seconds_since(teardown);
    return r;
}

Run run(std::size_t which, const Workload& workload) {
    // Stores are built and filled before each run, outside its clock.
    auto conversations = make_conversations(workload.protocol, workload.conversations);
    if (which == 0) return run_engine_pairs(conversations);
    return run_network(workload.protocol, conversations, kArrivals[which - 1]);
}

using Samples = std::array<std::vector<double>, kRuns>;  // one wall time per round

}  // namespace

bool run_mail_workload(std::size_t rounds) {
    std::array<Samples, kWorkloads.size()> per_workload;
    std::array<std::size_t, kWorkloads.size()> peak_open{};
    Samples total;
    std::size_t conversations = 0, complete = 0;
    bool ok = true;
    for (std::size_t round = 0; round < rounds; ++round) {
        std::array<double, kRuns> round_total{};
        for (std::size_t w = 0; w < kWorkloads.size(); ++w) {
            const Workload& workload = kWorkloads[w];
            for (std::size_t which = 0; which < kRuns; ++which) {
                const Run r = run(which, workload);
                per_workload[w][which].push_back(r.seconds);
                round_total[which] += r.seconds;
                conversations += workload.conversations;
                complete += r.complete;
                if (which == kRuns - 1) peak_open[w] = r.peak_open;
                if (r.complete == workload.conversations) continue;
                ok = false;
                std::printf("ERROR: mail %s %s round %zu: %zu/%zu conversations complete\n",
                            protocol_name(workload.protocol).data(), kRunNames[which], round + 1,
                            r.complete, workload.conversations);
            }
        }
        for (std::size_t which = 0; which < kRuns; ++which)
            total[which].push_back(round_total[which]);
    }

    std::printf("mail engines: real SMTP, POP3 and IMAP engines over in-memory stores\n");
    for (std::size_t w = 0; w < kWorkloads.size(); ++w) {
        const auto& s = per_workload[w];
        const double a = median(s[0]), b = median(s[1]), c = median(s[2]);
        std::printf("  %-4s %4zu conversations (%s):\n",
                    protocol_name(kWorkloads[w].protocol).data(), kWorkloads[w].conversations,
                    kWorkloads[w].what);
        std::printf(
            "       (a) %.3f s, (b) %.3f s x%.2f, (c) %.3f s x%.2f (%zu open at the peak)\n", a, b,
            b / a, c, c / a, peak_open[w]);
    }
    const double a = median(total[0]), b = median(total[1]), c = median(total[2]);
    std::printf("  all: (a) EnginePair, one at a time      %7.3f s\n", a);
    std::printf("       (b) virtual network, one at a time %7.3f s  x%.2f\n", b, b / a);
    std::printf("       (c) virtual network, 1 ms apart    %7.3f s  x%.2f\n", c, c / a);
    std::printf("  %zu/%zu conversations complete over all runs\n", complete, conversations);
    std::printf("ratio mail (b)/(a) wall time: %.2f\n", b / a);
    std::printf("ratio mail (c)/(a) wall time: %.2f\n", c / a);
    if (!ok) std::printf("ERROR: not every mail conversation completed\n");
    return ok;
}

}  // namespace maillab::bench
