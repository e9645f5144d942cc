// ServeControls: what the window of `maillab serve --gui` may do to the
// live world — take mail.maillab.test or mx.elsewhere.test down and bring
// it back, so a class sees its apps retry and its mail wait in the queue.
// Serve's world has no simulated devices and its links stay up, so those
// parts of viz::WorldControls offer nothing.
#pragma once

#include <functional>

#include "sim/world/world.hpp"
#include "viz/model/world_controls.hpp"

namespace maillab::cli {

class ServeControls : public viz::WorldControls {
public:
    // on_server_up: run after a server comes back (serve retries its queues then).
    ServeControls(sim::World& world, std::function<void()> on_server_up)
        : world_(world), on_server_up_(std::move(on_server_up)) {}

    std::vector<std::string> devices() const override { return {}; }
    std::vector<std::string> servers() const override;
    std::vector<std::pair<std::string, std::string>> links() const override { return {}; }
    bool host_up(std::string_view host) const override;
    bool link_up(std::string_view, std::string_view) const override { return true; }
    std::vector<viz::MailCheck> mail_checks(std::string_view) const override { return {}; }
    std::string address_of(std::string_view) const override { return {}; }

    std::size_t set_host_up(std::string_view host, bool up) override;
    std::size_t set_link_up(std::string_view, std::string_view, bool) override;
    std::size_t send(std::string_view, std::string_view, std::string_view,
                     std::string_view) override;
    std::size_t check_mail(std::string_view, viz::MailCheck) override;

private:
    sim::World& world_;
    std::function<void()> on_server_up_;
};

}  // namespace maillab::cli
