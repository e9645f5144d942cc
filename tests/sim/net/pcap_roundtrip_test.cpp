// The TCP events of a simulated conversation, lossy and cut into tiny
// segments, export to a capture that tshark reads as one clean TCP stream.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/export/pcap_export.hpp"
#include "sim/net/service.hpp"
#include "tests/sim/net/line_sessions.hpp"
#include "tests/sim/net/test_world.hpp"

using namespace maillab::sim;

namespace {

std::string run(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe{popen(command.c_str(), "r"), pclose};
    REQUIRE(pipe);
    std::string output;
    char buf[512];
    while (fgets(buf, sizeof buf, pipe.get()) != nullptr)
        output += buf;
    return output;
}

// "srcport<TAB>hex payload" lines into (port, bytes).
std::vector<std::pair<unsigned, std::string>> payloads(const std::string& fields) {
    std::vector<std::pair<unsigned, std::string>> out;
    std::size_t pos = 0;
    while (pos < fields.size()) {
        const std::size_t end = fields.find('\n', pos);
        const std::string line = fields.substr(pos, end - pos);
        pos = end == std::string::npos ? fields.size() : end + 1;
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        std::string bytes;
        const std::string hex = line.substr(tab + 1);
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
            if (hex[i] == ':') ++i;
            bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        }
        out.emplace_back(static_cast<unsigned>(std::stoul(line.substr(0, tab))), bytes);
    }
    return out;
}

}  // namespace

TEST_CASE("a lossy simulated session exports to a capture tshark reads as one clean stream") {
    if (std::system("command -v tshark >/dev/null 2>&1") != 0) {
        WARN("tshark is not installed; scripts/test installs it");
        return;
    }
    maillab::test::TestWorld w{5, {.latency = 4'000, .bandwidth_bps = 10'000'000, .loss = 0.15}};
    w.tcp.set_mss(7);
    Service service{w.tcp, w.server, 25, "echo", [](const Connection&) {
                        return std::make_unique<maillab::test::EchoServerSession>();
                    }};
    auto client = SessionHost::connect(
        w.tcp, w.laptop, "mail.example.test", 25,
        std::make_unique<maillab::test::ScriptedLineClient>(
            std::vector<std::string>{"EHLO laptop", "a line long enough to need many segments"}));
    w.sim.run_until_idle();
    REQUIRE(w.count(EventKind::TcpRetransmit) > 0);

    const auto path = std::filesystem::temp_directory_path() /
                      ("maillab-simnet-" + std::to_string(::getpid()) + ".pcap");
    REQUIRE(write_pcap(w.sim.trace(), path.string()).empty());
    const std::string file = path.string();
    const std::string packets =
        run("tshark -r " + file +
            " -Y 'tcp.len > 0' -T fields -e tcp.srcport -e tcp.payload 2>/dev/null");
    // Lost handshake segments are resent and show as such; data is exported
    // once per byte (TcpSegment), so the data stream has no gaps or repeats.
    const std::string flags =
        run("tshark -r " + file + " -Y 'tcp.analysis.flags && tcp.len > 0' 2>/dev/null");
    std::filesystem::remove(path);
    INFO(packets);
    INFO(flags);
    std::string to_server, to_client;
    for (const auto& [port, bytes] : payloads(packets))
        (port == 25 ? to_client : to_server) += bytes;
    REQUIRE(to_server == "EHLO laptop\r\na line long enough to need many segments\r\nQUIT\r\n");
    REQUIRE(to_client ==
            "+OK echo ready\r\nEHLO laptop\r\na line long enough to need many segments\r\n"
            "+OK bye\r\n");
    REQUIRE(flags.empty());
}
