// World: one simulated internet for a lesson or `maillab serve` — the
// simulator, the network with its "internet" router and DNS server, mail
// servers and devices. It owns everything and wires the engines to the
// network; the trace is the record of what happens in it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/durable/group_commit.hpp"
#include "sim/kernel/simulator.hpp"
#include "sim/net/dns.hpp"
#include "sim/net/network.hpp"
#include "sim/net/tcp.hpp"
#include "sim/world/device.hpp"
#include "sim/world/mail_server.hpp"

namespace maillab::sim {

struct WorldConfig {
    std::uint64_t seed = 1;
    std::string router_name = "internet";
    std::string router_address = "10.0.0.1";
    std::string dns_name = "dns.maillab.test";
    std::string dns_address = "10.0.0.53";
    LinkParams default_link{.latency = 10'000, .bandwidth_bps = 100'000'000, .loss = 0.0};
    // Servers with a data directory hand their fsyncs to one GroupCommit that
    // the owner runs, holding back every answer until then (maillab serve).
    // Without it each write is on disk before the call that made it returns.
    bool group_commit = false;
};

class World {
public:
    explicit World(WorldConfig config = {});
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    Simulator& sim() { return sim_; }
    Network& net() { return net_; }
    Tcp& tcp() { return tcp_; }
    Dns& dns() { return *dns_; }
    Trace& trace() { return sim_.trace(); }
    HostId router() const { return router_; }
    const WorldConfig& config() const { return config_; }
    // The servers' shared group commit; null unless the config asks for one.
    protocols::durable::GroupCommit* group_commit() { return group_commit_.get(); }

    // A mail server on its own host attached to the router, with A and MX
    // records for its domains.
    MailServer& add_server(ServerSpec spec);
    // A device (laptop, phone) attached to the router.
    Device& add_device(DeviceSpec spec);

    MailServer* server(std::string_view name);
    Device* device(std::string_view name);
    const std::vector<std::unique_ptr<MailServer>>& servers() const { return servers_; }
    const std::vector<std::unique_ptr<Device>>& devices() const { return devices_; }

    // Runs until nothing is left to do (careful: a queue with retries keeps
    // the world busy until its lifetime ends), or for a stretch of virtual time.
    void run_until_idle();
    void run_for(SimTime duration);

private:
    HostId attach(std::string name, std::string_view address, HostRole role);

    WorldConfig config_;
    Simulator sim_;
    Network net_;
    Tcp tcp_;
    HostId router_ = kNoHost;
    std::unique_ptr<Dns> dns_;
    std::unique_ptr<protocols::durable::GroupCommit> group_commit_;  // outlives the servers
    std::vector<std::unique_ptr<MailServer>> servers_;
    std::vector<std::unique_ptr<Device>> devices_;
};

}  // namespace maillab::sim
