// LessonRun::perform: each lesson action carried out by a device, a server
// or the network, waiting (in virtual time) until it has finished.
#include <algorithm>

#include "sim/lesson_run/lesson_run.hpp"

namespace maillab::sim {

namespace L = lesson;

namespace {

TlsChoice to_tls(L::Tls tls) {
    switch (tls) {
        case L::Tls::None:
            return TlsChoice::None;
        case L::Tls::StartTls:
            return TlsChoice::StartTls;
        case L::Tls::Implicit:
            return TlsChoice::Implicit;
    }
    return TlsChoice::StartTls;
}

}  // namespace

void LessonRun::perform(const L::Action& action, StepOutcome& outcome) {
    auto account_of = [this](const L::DeviceRef& who) {
        return spec_.world.device(who.device)->account(who.account);
    };
    bool done = false;
    auto finished = [&done](const JobResult&) { done = true; };
    std::visit(
        [&](const auto& a) {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, L::SendAction>) {
                const auto* acct = account_of(a.who);
                SendJob job{.server = acct->server,
                            .port = a.port,
                            .tls = to_tls(a.tls),
                            .user = acct->user,
                            .password = acct->password,
                            .from = a.from,
                            .to = a.to,
                            .subject = a.subject,
                            .body = a.body};
                job.notify_success = std::find(a.notify.begin(), a.notify.end(),
                                               L::DsnNotify::Success) != a.notify.end();
                world_->device(a.who.device)->send(job, finished);
                run_until(done);
            } else if constexpr (std::is_same_v<T, L::Pop3CheckAction>) {
                const auto* acct = account_of(a.who);
                const bool implicit = a.tls == L::Tls::Implicit;
                Pop3Job job{.server = acct->server,
                            .port = static_cast<std::uint16_t>(implicit ? 995 : 110),
                            .tls = to_tls(a.tls),
                            .user = acct->user,
                            .password = acct->password,
                            .delete_after_download = !a.leave_on_server,
                            .only_new = a.only_new,
                            .delete_after_days = a.delete_after_days};
                world_->device(a.who.device)->pop3_check(job, finished);
                run_until(done);
            } else if constexpr (std::is_same_v<T, L::WaitAction>) {
                world_->run_for(a.duration);
            } else if constexpr (std::is_same_v<T, L::DeviceOfflineAction> ||
                                 std::is_same_v<T, L::DeviceOnlineAction>) {
                world_->device(a.device)->set_online(std::is_same_v<T, L::DeviceOnlineAction>);
                world_->run_for(kSettle);
            } else if constexpr (std::is_same_v<T, L::LinkDownAction> ||
                                 std::is_same_v<T, L::LinkUpAction>) {
                const auto x = world_->net().find_host(a.between.a);
                const auto y = world_->net().find_host(a.between.b);
                if (x && y) {
                    if (const auto link = world_->net().find_link(*x, *y)) {
                        world_->net().set_link_up(*link, std::is_same_v<T, L::LinkUpAction>);
                    }
                }
                world_->run_for(kSettle);
            } else if constexpr (std::is_same_v<T, L::ServerDownAction> ||
                                 std::is_same_v<T, L::ServerCrashAction>) {
                world_->server(a.server)->set_up(false);
                world_->run_for(kSettle);
            } else if constexpr (std::is_same_v<T, L::ServerUpAction>) {
                world_->server(a.server)->set_up(true);
                world_->run_for(kSettle);
            } else if constexpr (std::is_same_v<T, L::ServerRestartAction>) {
                world_->server(a.server)->set_up(false);
                world_->server(a.server)->set_up(true);
                world_->run_for(kSettle);
            } else if constexpr (std::is_same_v<T, L::TypeAction>) {
                const bool implicit = a.port == 465 || a.port == 995 || a.port == 993;
                TypeJob job{.server = a.server,
                            .port = a.port,
                            .tls = implicit ? TlsChoice::Implicit : TlsChoice::None,
                            .lines = a.lines};
                world_->device(a.device)->type(job, finished);
                run_until(done);
            } else if constexpr (std::is_same_v<T, L::SniffAction>) {
                // Sniffing is passive: the trace already holds every segment on the link.
                world_->sim().record({.kind = EventKind::SessionNote,
                                      .payload = "a sniffer now records the link " + a.between.a +
                                                 " ↔ " + a.between.b});
            } else {
                const std::string why =
                    "\"" + action.name + "\" is not played yet: this maillab has no engine for it";
                world_->sim().record({.kind = EventKind::SessionNote, .payload = why});
                outcome.unsupported.push_back(action.name);
            }
        },
        action.kind);
}

}  // namespace maillab::sim
