// A small world for the network tests: a laptop and a mail server attached
// to an "internet" router, plus a DNS host, with configurable links.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/net/tcp.hpp"

namespace maillab::test {

struct TestWorld {
    explicit TestWorld(std::uint64_t seed = 1, sim::LinkParams access = {},
                       sim::LinkParams backbone = {})
        : sim(seed), net(sim), tcp(net) {
        laptop = net.add_host("laptop", "10.0.0.2", sim::HostRole::Device);
        router = net.add_host("internet", "10.0.0.1", sim::HostRole::Router);
        server = net.add_host("mail.example.test", "192.0.2.25", sim::HostRole::Server);
        dns = net.add_host("dns", "192.0.2.53", sim::HostRole::Dns);
        laptop_link = net.add_link(laptop, router, access);
        server_link = net.add_link(router, server, backbone);
        dns_link = net.add_link(router, dns, backbone);
    }

    std::vector<const sim::Event*> events(sim::EventKind kind) const {
        std::vector<const sim::Event*> out;
        for (const auto& e : sim.trace().events()) {
            if (e.kind == kind) out.push_back(&e);
        }
        return out;
    }
    std::size_t count(sim::EventKind kind) const { return events(kind).size(); }

    sim::Simulator sim;
    sim::Network net;
    sim::Tcp tcp;
    sim::HostId laptop, router, server, dns;
    sim::LinkId laptop_link, server_link, dns_link;
};

}  // namespace maillab::test
