#include "cli/serve_controls.hpp"

namespace maillab::cli {

std::vector<std::string> ServeControls::servers() const {
    std::vector<std::string> names;
    for (const auto& server : world_.servers())
        names.push_back(server->name());
    return names;
}

bool ServeControls::host_up(std::string_view host) const {
    for (const auto& server : world_.servers()) {
        if (server->name() == host) return world_.net().host(server->host()).up;
    }
    return false;
}

std::size_t ServeControls::set_host_up(std::string_view host, bool up) {
    const std::size_t first = world_.trace().size();
    sim::MailServer* server = world_.server(host);
    if (server == nullptr || host_up(host) == up) return first;
    server->set_up(up);
    if (up && on_server_up_) on_server_up_();
    return first;
}

// Nothing to do in serve's world; the first event "added" is the end.
std::size_t ServeControls::set_link_up(std::string_view, std::string_view, bool) {
    return world_.trace().size();
}
std::size_t ServeControls::send(std::string_view, std::string_view, std::string_view,
                                std::string_view) {
    return world_.trace().size();
}
std::size_t ServeControls::check_mail(std::string_view, viz::MailCheck) {
    return world_.trace().size();
}

}  // namespace maillab::cli
