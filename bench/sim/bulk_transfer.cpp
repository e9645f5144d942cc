#include "bench/sim/bulk_transfer.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include "bench/sim/bench_support.hpp"

namespace maillab::bench {

namespace {

struct Transfer {
    double seconds = 0;
    std::size_t received = 0;
};

Transfer send_once(std::size_t octets) {
    const std::string data(octets, 'x');
    Transfer result;
    const auto start = Clock::now();
    Topology world{"mail.test", "192.0.2.25"};
    world.tcp.listen(world.server, 25, [&](sim::Connection) {
        return sim::ConnectionHandlers{
            .on_data = [&](std::string_view bytes) { result.received += bytes.size(); }};
    });
    sim::Connection connection;
    connection = world.tcp.connect(world.laptop, "mail.test", 25, {.on_connected = [&] {
                                       connection.send(data);
                                       connection.close();
                                   }});
    world.simulator.run_until_idle();
    result.seconds = seconds_since(start);
    return result;
}

}  // namespace

bool run_bulk_transfer() {
    constexpr std::size_t kMiB = std::size_t{1} << 20;
    const Transfer small = send_once(16 * kMiB);
    const Transfer large = send_once(64 * kMiB);
    std::printf(
        "bulk transfer, one send over one virtual connection:\n"
        "  16 MiB %.3f s, 64 MiB %.3f s (x%.1f for 4x the bytes)\n",
        small.seconds, large.seconds, large.seconds / small.seconds);
    const bool ok = small.received == 16 * kMiB && large.received == 64 * kMiB;
    if (!ok) std::printf("ERROR: the bulk transfer lost bytes\n");
    return ok;
}

}  // namespace maillab::bench
