#include "sim/export/pcap_export.hpp"

#include <pcap/pcap.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace maillab::sim;

namespace {

Trace smtp_trace() {
    Trace t;
    t.append({.t = 0,
              .kind = EventKind::HostAdded,
              .host = 0,
              .value = 0x0A000002,
              .payload = "laptop"});
    t.append({.t = 0,
              .kind = EventKind::HostAdded,
              .host = 1,
              .value = 0x0A000001,
              .payload = "mail.maillab.test"});
    t.append({.t = 10,
              .kind = EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 1,
              .value = 40000,
              .aux = 25});
    t.append({.t = 20, .kind = EventKind::TcpSynAck, .dir = Direction::ServerToClient, .conn = 1});
    t.append({.t = 30, .kind = EventKind::TcpAck, .dir = Direction::ClientToServer, .conn = 1});
    t.append({.t = 40,
              .kind = EventKind::TcpSegment,
              .dir = Direction::ServerToClient,
              .conn = 1,
              .payload = "220 mail.maillab.test ESMTP\r\n"});
    t.append({.t = 50,
              .kind = EventKind::TcpSegment,
              .dir = Direction::ClientToServer,
              .conn = 1,
              .payload = "EHLO laptop\r\n"});
    t.append({.t = 60,
              .kind = EventKind::TcpSegment,
              .dir = Direction::ServerToClient,
              .conn = 1,
              .payload = "250-mail.maillab.test\r\n250 PIPELINING\r\n"});
    t.append({.t = 70,
              .kind = EventKind::TcpSegment,
              .dir = Direction::ClientToServer,
              .conn = 1,
              .payload = "QUIT\r\n"});
    t.append({.t = 80, .kind = EventKind::TcpFin, .dir = Direction::ClientToServer, .conn = 1});
    return t;
}

struct TempFile {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("maillab-pcap-" + std::to_string(std::rand()) + ".pcap");
    ~TempFile() { std::filesystem::remove(path); }
};

struct Packet {
    std::vector<unsigned char> bytes;
    long usec = 0;
};

std::vector<Packet> read_back(const std::string& path) {
    char err[PCAP_ERRBUF_SIZE];
    std::unique_ptr<pcap_t, void (*)(pcap_t*)> p{pcap_open_offline(path.c_str(), err), pcap_close};
    REQUIRE(p);
    REQUIRE(pcap_datalink(p.get()) == DLT_EN10MB);
    std::vector<Packet> packets;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(p.get(), &header, &data) == 1) {
        packets.push_back({{data, data + header->caplen}, header->ts.tv_usec});
    }
    return packets;
}

unsigned port_at(const Packet& p, std::size_t offset) {
    return static_cast<unsigned>(p.bytes[34 + offset] << 8 | p.bytes[35 + offset]);
}

}  // namespace

TEST_CASE("the pcap holds one packet per TCP event with real payload and ports") {
    TempFile file;
    REQUIRE(write_pcap(smtp_trace(), file.path.string()).empty());
    const auto packets = read_back(file.path.string());
    REQUIRE(packets.size() == 8);
    // SYN from the client's port to 25.
    REQUIRE(port_at(packets[0], 0) == 40000);
    REQUIRE(port_at(packets[0], 2) == 25);
    REQUIRE(packets[0].bytes[47] == 0x02);
    REQUIRE(packets[0].usec == 10);
    // The greeting comes from port 25 with its bytes intact.
    const std::string greeting(packets[3].bytes.begin() + 54, packets[3].bytes.end());
    REQUIRE(greeting == "220 mail.maillab.test ESMTP\r\n");
    REQUIRE(port_at(packets[3], 0) == 25);
    // Source address of the server is 10.0.0.1.
    REQUIRE(packets[3].bytes[26] == 10);
    REQUIRE(packets[3].bytes[29] == 1);
}

TEST_CASE("tshark decodes the SMTP session in the exported pcap") {
    if (std::system("command -v tshark >/dev/null 2>&1") != 0) {
        WARN("tshark is not installed; scripts/test installs it");
        return;
    }
    TempFile file;
    REQUIRE(write_pcap(smtp_trace(), file.path.string()).empty());
    const std::string command = "tshark -r " + file.path.string() +
                                " -Y smtp -T fields -e smtp.req.command -e smtp.response.code "
                                "2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe{popen(command.c_str(), "r"), pclose};
    REQUIRE(pipe);
    std::string output;
    char buf[256];
    while (fgets(buf, sizeof buf, pipe.get()) != nullptr)
        output += buf;
    INFO(output);
    REQUIRE(output.find("EHLO") != std::string::npos);
    REQUIRE(output.find("QUIT") != std::string::npos);
    REQUIRE(output.find("220") != std::string::npos);
    REQUIRE(output.find("250") != std::string::npos);
}
