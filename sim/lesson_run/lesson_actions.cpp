// LessonRun::perform: each lesson action carried out by a device, a server
// or the network, waiting (in virtual time) until it has finished.
#include <algorithm>

#include "sim/lesson_run/lesson_run.hpp"

namespace maillab::sim {

namespace L = lesson;
namespace imap = protocols::imap;

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
    // One IMAP connection for one task, with the account's TLS choice unless
    // the action names its own.
    auto imap_job = [&](const L::DeviceRef& who, std::optional<L::Tls> tls, imap::ClientTask task) {
        const auto* acct = account_of(who);
        const L::Tls use = tls.value_or(acct->tls);
        const bool implicit = use == L::Tls::Implicit;
        return ImapJob{.server = acct->server,
                       .port = static_cast<std::uint16_t>(implicit ? 993 : 143),
                       .tls = to_tls(use),
                       .user = acct->user,
                       .password = acct->password,
                       .tasks = {std::move(task)}};
    };
    auto imap_task = [&](const L::DeviceRef& who, std::optional<L::Tls> tls,
                         imap::ClientTask task) {
        world_->device(who.device)->imap(imap_job(who, tls, std::move(task)), finished);
        run_until(done);
    };
    // The message an action names, as the device knows it: the first one (by UID) in its
    // copy of the mailbox whose subject contains the text, or the n-th one. A device that
    // has not synced that mailbox yet has only the text to go on.
    auto subject_of_selected = [&](const L::DeviceRef& who, const std::string& mailbox,
                                   const L::MessageSelector& selector) -> std::string {
        const auto* acct = account_of(who);
        const auto* cache = world_->device(who.device)->imap_cache(acct->user + "@" + acct->server);
        const auto* box = [&]() -> const protocols::imap::MailboxCache* {
            if (cache == nullptr) return nullptr;
            const auto it = cache->mailboxes.find(mailbox);
            return it == cache->mailboxes.end() ? nullptr : &it->second;
        }();
        if (selector.subject) {
            if (box != nullptr) {
                for (const auto& [uid, message] : box->messages) {
                    if (message.subject.find(*selector.subject) != std::string::npos)
                        return message.subject;
                }
            }
            return *selector.subject;
        }
        if (box == nullptr || !selector.index) return {};
        int n = 0;
        for (const auto& [uid, message] : box->messages) {
            if (++n == *selector.index) return message.subject;
        }
        return {};
    };
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
                            .bcc = a.bcc,
                            .subject = a.subject,
                            .body = padded_body(a.body, a.size)};
                job.notify_success = std::find(a.notify.begin(), a.notify.end(),
                                               L::DsnNotify::Success) != a.notify.end();
                world_->device(a.who.device)->send(job, finished);
                run_until(done);
                if (a.save_copy) {
                    done = false;
                    imap_task(a.who, std::nullopt,
                              {.kind = imap::TaskKind::Append,
                               .mailbox = *a.save_copy,
                               .flags = {"\\Seen"},
                               .message = world_->device(a.who.device)->last_sent()});
                }
                if (a.answers) {
                    done = false;
                    imap_task(a.who, std::nullopt,
                              {.kind = imap::TaskKind::SetFlags,
                               .subject = subject_of_selected(a.who, "INBOX", *a.answers),
                               .flags = {"\\Answered"}});
                }
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
            } else if constexpr (std::is_same_v<T, L::ImapSyncAction>) {
                imap_task(a.who, a.tls, {.kind = imap::TaskKind::Sync, .mailbox = a.mailbox});
            } else if constexpr (std::is_same_v<T, L::ImapReadAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Read,
                           .mailbox = a.mailbox,
                           .subject = subject_of_selected(a.who, a.mailbox, a.message)});
            } else if constexpr (std::is_same_v<T, L::ImapFlagAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = a.set ? imap::TaskKind::SetFlags : imap::TaskKind::ClearFlags,
                           .mailbox = a.mailbox,
                           .subject = subject_of_selected(a.who, a.mailbox, a.message),
                           .flags = a.flags});
            } else if constexpr (std::is_same_v<T, L::ImapDeleteAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Delete,
                           .mailbox = a.mailbox,
                           .subject = subject_of_selected(a.who, a.mailbox, a.message)});
            } else if constexpr (std::is_same_v<T, L::ImapExpungeAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Expunge, .mailbox = a.mailbox});
            } else if constexpr (std::is_same_v<T, L::ImapMoveAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Move,
                           .mailbox = a.mailbox,
                           .subject = subject_of_selected(a.who, a.mailbox, a.message),
                           .target = a.target});
            } else if constexpr (std::is_same_v<T, L::ImapSearchAction>) {
                imap_task(
                    a.who, std::nullopt,
                    {.kind = imap::TaskKind::Search, .mailbox = a.mailbox, .criteria = a.criteria});
            } else if constexpr (std::is_same_v<T, L::ImapThreadAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Thread, .mailbox = a.mailbox});
            } else if constexpr (std::is_same_v<T, L::ImapFetchAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Fetch,
                           .mailbox = a.mailbox,
                           .subject = subject_of_selected(a.who, a.mailbox, a.message),
                           .criteria = a.items});
            } else if constexpr (std::is_same_v<T, L::ImapCreateAction>) {
                imap_task(a.who, std::nullopt,
                          {.kind = imap::TaskKind::Create, .target = a.mailbox});
            } else if constexpr (std::is_same_v<T, L::ImapIdleAction>) {
                // Not waited for: the device idles while the next actions go on. The
                // settle time lets it log in, catch up and start IDLE first.
                ImapJob job =
                    imap_job(a.who, a.tls, {.kind = imap::TaskKind::Idle, .mailbox = a.mailbox});
                job.idle_for = a.duration;
                world_->device(a.who.device)->imap(job);
                world_->run_for(kSettle);
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
            } else if constexpr (std::is_same_v<T, L::ServerDownAction>) {
                world_->server(a.server)->set_up(false);
                world_->run_for(kSettle);
            } else if constexpr (std::is_same_v<T, L::ServerCrashAction>) {
                // What survives a crash is what the lesson says is on disk.
                const L::ServerSpec* spec = spec_.world.server(a.server);
                world_->server(a.server)->crash(spec == nullptr || spec->persistent);
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
