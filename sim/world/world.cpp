#include "sim/world/world.hpp"

#include <stdexcept>

namespace maillab::sim {

World::World(WorldConfig config)
    : config_(std::move(config)), sim_(config_.seed), net_(sim_), tcp_(net_) {
    router_ = net_.add_host(config_.router_name, config_.router_address, HostRole::Router);
    const HostId dns_host = attach(config_.dns_name, config_.dns_address, HostRole::Dns);
    dns_ = std::make_unique<Dns>(net_, dns_host);
    dns_->add_a(config_.dns_name, config_.dns_address);
    if (config_.group_commit) group_commit_ = std::make_unique<protocols::durable::GroupCommit>();
}

World::~World() = default;

HostId World::attach(std::string name, std::string_view address, HostRole role) {
    const HostId host = net_.add_host(std::move(name), address, role);
    net_.add_link(host, router_, config_.default_link);
    return host;
}

MailServer& World::add_server(ServerSpec spec) {
    const HostId host = attach(spec.name, spec.address, HostRole::Server);
    dns_->add_a(spec.name, spec.address);
    for (const auto& domain : spec.domains)
        dns_->add_mx(domain, 10, spec.name);
    servers_.push_back(std::make_unique<MailServer>(*this, host, std::move(spec)));
    return *servers_.back();
}

Device& World::add_device(DeviceSpec spec) {
    const HostId host = attach(spec.name, spec.address, HostRole::Device);
    dns_->add_a(spec.name, spec.address);
    devices_.push_back(std::make_unique<Device>(*this, host, std::move(spec)));
    return *devices_.back();
}

MailServer* World::server(std::string_view name) {
    for (auto& s : servers_) {
        if (s->name() == name) return s.get();
    }
    return nullptr;
}

Device* World::device(std::string_view name) {
    for (auto& d : devices_) {
        if (d->name() == name) return d.get();
    }
    return nullptr;
}

void World::run_until_idle() {
    sim_.run_until_idle();
}

void World::run_for(SimTime duration) {
    sim_.run_until(sim_.now() + duration);
}

}  // namespace maillab::sim
