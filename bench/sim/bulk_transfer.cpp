#include "bench/sim/bulk_transfer.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include "sim/net/tcp.hpp"

namespace maillab::bench {

namespace {

namespace sim = maillab::sim;
using Clock = std::chrono::steady_clock;

struct Transfer {
    double seconds = 0;
    std::size_t received = 0;
};

Transfer send_once(std::size_t octets) {
    const std::string data(octets, 'x');
    Transfer result;
    const auto start = Clock::now();
    sim::Simulator simulator{1};
    sim::Network net{simulator};
    sim::Tcp tcp{net};
    const auto laptop = net.add_host("laptop", "10.0.0.2", sim::HostRole::Device);
    const auto server = net.add_host("mail.test", "192.0.2.25", sim::HostRole::Server);
    net.add_link(laptop, server, {.latency = 1'000, .bandwidth_bps = 1'000'000'000});
    tcp.listen(server, 25, [&](sim::Connection) {
        return sim::ConnectionHandlers{
            .on_data = [&](std::string_view bytes) { result.received += bytes.size(); }};
    });
    sim::Connection connection;
    connection = tcp.connect(laptop, "mail.test", 25, {.on_connected = [&] {
                                 connection.send(data);
                                 connection.close();
                             }});
    simulator.run_until_idle();
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

}  // namespace

bool run_bulk_transfer() {
    constexpr std::size_t kMiB = std::size_t{1} << 20;
    const Transfer small = send_once(16 * kMiB);
    const Transfer large = send_once(64 * kMiB);
    std::printf(
        "bulk transfer, one send over one virtual connection: 16 MiB %.3f s, "
        "64 MiB %.3f s (x%.1f for 4x the bytes)\n",
        small.seconds, large.seconds, large.seconds / small.seconds);
    const bool ok = small.received == 16 * kMiB && large.received == 64 * kMiB;
    if (!ok) std::printf("ERROR: the bulk transfer lost bytes\n");
    return ok;
}

}  // namespace maillab::bench
