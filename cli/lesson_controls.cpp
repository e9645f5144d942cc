#include "cli/lesson_controls.hpp"

namespace maillab::cli {

namespace L = sim::lesson;

namespace {

// How long a device asked from the window to wait in IDLE keeps waiting.
constexpr sim::SimTime kIdleFromWindow = 10LL * 60 * 1'000'000;

}  // namespace

const L::DeviceAccountSpec* LessonControls::account_of(std::string_view device) const {
    const L::DeviceSpec* spec = run_.spec().world.device(device);
    return spec == nullptr || spec->accounts.empty() ? nullptr : &spec->accounts.front();
}

std::vector<std::string> LessonControls::devices() const {
    std::vector<std::string> out;
    for (const auto& d : run_.spec().world.devices)
        out.push_back(d.name);
    return out;
}

std::vector<std::string> LessonControls::servers() const {
    std::vector<std::string> out;
    for (const auto& s : run_.spec().world.servers)
        out.push_back(s.name);
    return out;
}

std::vector<std::pair<std::string, std::string>> LessonControls::links() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& link : run_.spec().world.links)
        out.emplace_back(link.between.a, link.between.b);
    return out;
}

bool LessonControls::host_up(std::string_view host) const {
    auto& world = run_.world();
    if (sim::Device* device = world.device(host)) {
        // A device is offline when its access link is cut.
        const auto link = world.net().find_link(device->host(), world.router());
        return !link || world.net().link(*link).up;
    }
    const auto id = world.net().find_host(host);
    return id && world.net().host(*id).up;
}

bool LessonControls::link_up(std::string_view a, std::string_view b) const {
    auto& net = run_.world().net();
    const auto x = net.find_host(a);
    const auto y = net.find_host(b);
    if (!x || !y) return false;
    const auto link = net.find_link(*x, *y);
    return link && net.link(*link).up;
}

std::vector<viz::MailCheck> LessonControls::mail_checks(std::string_view device) const {
    std::vector<viz::MailCheck> out;
    const auto* account = account_of(device);
    if (account == nullptr) return out;
    const L::ServerSpec* server = run_.spec().world.server(account->server);
    if (server == nullptr) return out;
    if (server->runs(L::Service::Pop3) || server->runs(L::Service::Pop3s))
        out.push_back(viz::MailCheck::Pop3);
    if (server->runs(L::Service::Imap) || server->runs(L::Service::Imaps)) {
        out.push_back(viz::MailCheck::Imap);
        out.push_back(viz::MailCheck::ImapIdle);
    }
    return out;
}

std::string LessonControls::address_of(std::string_view device) const {
    const auto* account = account_of(device);
    if (account == nullptr) return {};
    const L::ServerSpec* server = run_.spec().world.server(account->server);
    if (server == nullptr || server->domains.empty()) return account->user;
    return account->user + "@" + server->domains.front();
}

std::size_t LessonControls::play(L::ActionKind kind, std::string name, std::string why) {
    return run_.play({std::move(kind), std::move(name), {}}, "from the window: " + why).first_event;
}

std::size_t LessonControls::set_host_up(std::string_view host, bool up) {
    const std::string name{host};
    if (run_.world().device(host) != nullptr) {
        if (up) return play(L::DeviceOnlineAction{name}, "device-online", name + " comes online");
        return play(L::DeviceOfflineAction{name}, "device-offline", name + " goes offline");
    }
    if (up) return play(L::ServerUpAction{name}, "server-up", name + " is brought up");
    return play(L::ServerDownAction{name}, "server-down", name + " is taken down");
}

std::size_t LessonControls::set_link_up(std::string_view a, std::string_view b, bool up) {
    const L::LinkEnds ends{std::string{a}, std::string{b}};
    const std::string what = ends.a + " ↔ " + ends.b;
    if (up) return play(L::LinkUpAction{ends}, "link-up", "the link " + what + " is restored");
    return play(L::LinkDownAction{ends}, "link-down", "the link " + what + " is cut");
}

std::size_t LessonControls::send(std::string_view device, std::string_view to,
                                 std::string_view subject, std::string_view body) {
    const auto* account = account_of(device);
    if (account == nullptr) return run_.trace().size();
    L::SendAction send;
    send.who = {std::string{device}, account->user};
    send.from = address_of(device);
    send.to = {std::string{to}};
    send.subject = std::string{subject};
    send.body = std::string{body};
    send.tls = account->tls == L::Tls::Implicit ? L::Tls::Implicit : L::Tls::StartTls;
    send.port = send.tls == L::Tls::Implicit ? 465 : 587;
    std::string why = std::string{device} + " sends \"" + send.subject + "\"";
    return play(std::move(send), "send", std::move(why));
}

std::size_t LessonControls::check_mail(std::string_view device, viz::MailCheck how) {
    const auto* account = account_of(device);
    if (account == nullptr) return run_.trace().size();
    const L::DeviceRef who{std::string{device}, account->user};
    if (how == viz::MailCheck::Pop3) {
        L::Pop3CheckAction check;
        check.who = who;
        check.leave_on_server = account->leave_on_server;
        check.only_new = account->leave_on_server;
        check.delete_after_days = account->delete_after_days;
        check.tls = account->tls;
        return play(std::move(check), "pop3-check", std::string{device} + " checks mail (POP3)");
    }
    if (how == viz::MailCheck::ImapIdle) {
        L::ImapIdleAction idle;
        idle.who = who;
        idle.tls = account->tls;
        idle.duration = kIdleFromWindow;
        return play(std::move(idle), "imap-idle",
                    std::string{device} + " waits for new mail (IMAP IDLE)");
    }
    L::ImapSyncAction sync;
    sync.who = who;
    sync.tls = account->tls;
    return play(std::move(sync), "imap-sync", std::string{device} + " synchronises (IMAP)");
}

}  // namespace maillab::cli
