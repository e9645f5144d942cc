#include "sim/lesson_run/lesson_run.hpp"

#include <algorithm>

#include "protocols/core/line_endings.hpp"
#include "protocols/mime/date_time.hpp"
#include "protocols/mta/envelope.hpp"
#include "protocols/store/message_flags.hpp"
#include "sim/state/world_state.hpp"
#include "sim/world/message_summary.hpp"

namespace maillab::sim {

namespace L = lesson;
namespace store = protocols::store;

namespace {

std::optional<ServiceKind> to_service(L::Service s) {
    switch (s) {
        case L::Service::Smtp:
            return ServiceKind::Smtp;
        case L::Service::Submission:
            return ServiceKind::Submission;
        case L::Service::Submissions:
            return ServiceKind::Submissions;
        case L::Service::Pop3:
            return ServiceKind::Pop3;
        case L::Service::Pop3s:
            return ServiceKind::Pop3s;
        case L::Service::Imap:
        case L::Service::Imaps:
            return std::nullopt;  // no IMAP engine in the world yet
    }
    return std::nullopt;
}

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

store::Flags to_flags(const std::vector<std::string>& names) {
    store::Flags flags;
    for (const auto& name : names) {
        store::SystemFlag f{};
        if (store::parse_system_flag(name, f))
            flags.set(f);
        else
            flags.add_keyword(name);
    }
    return flags;
}

// The message's Date says when it was written: `age` before the lesson starts.
std::string compose_seed(const L::MessageSpec& m) {
    const std::int64_t written = protocols::mta::kDefaultWorldEpochUnixSeconds - m.age / 1'000'000;
    const std::string date = protocols::mime::format_rfc5322_date({written, 0});
    std::string to;
    for (const auto& r : m.to)
        to += (to.empty() ? "" : ", ") + r;
    std::string body = protocols::core::to_crlf(m.body);
    if (m.size && body.size() < *m.size) {
        while (body.size() + 78 <= *m.size)
            body += std::string(76, 'x') + "\r\n";
    }
    return "Date: " + date + "\r\nFrom: " + m.from + "\r\nTo: " + to + "\r\nSubject: " + m.subject +
           "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
           (body.empty() ? std::string{"\r\n"} : body);
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

LessonRun::LessonRun(L::LessonSpec spec, std::uint64_t seed)
    : spec_(std::move(spec)),
      random_(std::make_unique<protocols::tls::DeterministicRandom>(seed)),
      world_(std::make_unique<World>(WorldConfig{.seed = seed})) {
    build_world();
}

LessonRun::~LessonRun() {
    world_.reset();  // engines first, while the deterministic generator still exists
}

void LessonRun::build_world() {
    for (const auto& s : spec_.world.servers) {
        ServerSpec server;
        server.name = s.name;
        server.address = s.address;
        server.domains = s.domains;
        server.services.clear();
        for (const auto service : s.services) {
            if (const auto kind = to_service(service)) server.services.push_back(*kind);
        }
        for (const auto& a : s.accounts) {
            store::QuotaLimits quota;
            quota.storage_octets = a.quota_bytes;
            if (a.quota_messages) quota.messages = *a.quota_messages;
            server.accounts.push_back({a.user, a.password, quota});
        }
        if (!s.queue.retry.empty()) server.schedule.delays = s.queue.retry;
        if (s.queue.lifetime) server.schedule.lifetime = *s.queue.lifetime;
        server.plaintext_auth_allowed = s.plaintext_auth;
        MailServer& built = world_->add_server(std::move(server));
        for (const auto& a : s.accounts) {
            for (const auto& folder : a.folders)
                built.store().create_mailbox(a.user, folder);
            for (const auto& m : a.messages) {
                built.seed_message(a.user, m.mailbox, compose_seed(m), to_flags(m.flags));
            }
        }
    }
    for (const auto& d : spec_.world.devices) {
        world_->add_device(
            {d.name, d.address, d.kind == L::DeviceKind::Phone ? "phone" : "laptop"});
    }
    for (const auto& link : spec_.world.links) {
        if (link.implicit) continue;
        const auto a = world_->net().find_host(link.between.a);
        const auto b = world_->net().find_host(link.between.b);
        if (a && b && !world_->net().find_link(*a, *b)) {
            world_->net().add_link(*a, *b, {link.latency, link.bandwidth, link.loss});
        }
    }
    for (const auto& r : spec_.world.dns) {
        if (!r.from_file) continue;
        if (r.type == L::DnsType::A)
            world_->dns().add_a(r.name, r.value);
        else
            world_->dns().add_mx(r.name, static_cast<std::uint16_t>(r.preference), r.value);
    }
}

void LessonRun::run_until(const bool& done) {
    Simulator& sim = world_->sim();
    const SimTime deadline = sim.now() + kActionLimit;
    while (!done && sim.now() < deadline && sim.step()) {
    }
    world_->run_for(kSettle);
}

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

CheckOutcome LessonRun::judge(const L::Check& check, std::size_t step_begin) {
    const Trace& trace = world_->trace();
    WorldState state;
    for (const auto& e : trace.events())
        state.apply(trace, e);
    auto host_of = [this](const std::string& name) {
        return world_->net().find_host(name).value_or(kNoHost);
    };
    CheckOutcome out;
    out.claim = check.say;
    auto count_result = [&](std::size_t got, int want, std::string what) {
        out.passed = got == static_cast<std::size_t>(want);
        out.detail = what + ": " + std::to_string(got) + " (expected " + std::to_string(want) + ")";
        if (out.claim.empty()) out.claim = what + " is " + std::to_string(want);
    };
    auto find_stored = [&](const std::string& server, const std::string& account,
                           const std::string& mailbox,
                           const std::string& subject) -> std::optional<std::string> {
        MailServer* s = world_->server(server);
        if (s == nullptr) return std::nullopt;
        const auto msgs = s->store().messages(account, mailbox);
        if (!msgs) return std::nullopt;
        for (const auto& m : msgs.value()) {
            auto bytes = s->store().read_message(account, mailbox, m.uid);
            if (bytes && contains(subject_of(bytes.value()), subject)) return bytes.value();
        }
        return std::nullopt;
    };
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, L::MailboxCountCheck>) {
                count_result(state.mailbox_size(host_of(c.server), c.account + "/" + c.mailbox),
                             c.equals, c.account + "'s " + c.mailbox + " on " + c.server);
            } else if constexpr (std::is_same_v<T, L::DeviceCountCheck>) {
                std::size_t n = 0;
                const auto it = state.devices.find(host_of(c.device));
                if (it != state.devices.end()) {
                    for (const auto& m : it->second) {
                        if (!c.account || contains(trace.text(m.key), " " + *c.account + "@")) ++n;
                    }
                }
                count_result(n, c.equals, "messages on " + c.device);
            } else if constexpr (std::is_same_v<T, L::QueueCountCheck>) {
                count_result(state.queue_size(host_of(c.server)), c.equals,
                             "messages in the queue of " + c.server);
            } else if constexpr (std::is_same_v<T, L::DeviceHasCheck>) {
                bool has = false;
                const auto it = state.devices.find(host_of(c.device));
                if (it != state.devices.end()) {
                    for (const auto& m : it->second)
                        has |= contains(trace.text(m.subject), c.subject);
                }
                out.passed = has == c.present;
                out.detail =
                    c.device + (has ? " has" : " does not have") + " \"" + c.subject + "\"";
                if (out.claim.empty())
                    out.claim = c.device + (c.present ? " holds \"" : " does not hold \"") +
                                c.subject + "\"";
            } else if constexpr (std::is_same_v<T, L::MessageContainsCheck>) {
                const auto bytes = find_stored(c.server, c.account, c.mailbox, c.subject);
                const bool has = bytes && contains(*bytes, c.text);
                out.passed = has == c.present;
                out.detail = bytes ? (has ? "found" : "not found") : "no such message";
                if (out.claim.empty())
                    out.claim = "the message \"" + c.subject + "\" contains \"" + c.text + "\"";
            } else if constexpr (std::is_same_v<T, L::HasFlagCheck>) {
                bool has = false;
                bool found = false;
                MailServer* s = world_->server(c.server);
                const auto msgs =
                    s ? s->store().messages(c.account, c.mailbox)
                      : store::Result<std::vector<store::MessageInfo>>{
                            store::store_error(store::StoreErrorCode::NoSuchAccount, "")};
                if (msgs) {
                    for (const auto& m : msgs.value()) {
                        const auto bytes = s->store().read_message(c.account, c.mailbox, m.uid);
                        if (bytes && contains(subject_of(bytes.value()), c.subject)) {
                            found = true;
                            has = contains(store::to_string(m.flags), c.flag);
                            break;
                        }
                    }
                }
                out.passed = found && has == c.present;
                out.detail = found ? (has ? "flag set" : "flag not set") : "no such message";
                if (out.claim.empty())
                    out.claim = "\"" + c.subject + "\" is " + (c.present ? "" : "not ") + c.flag;
            } else if constexpr (std::is_same_v<T, L::ReplyCheck>) {
                bool seen = false;
                for (std::size_t i = step_begin; i < trace.size() && !seen; ++i) {
                    const Event& e = trace[i];
                    if (e.kind != EventKind::Reply) continue;
                    if (c.server && e.host != host_of(*c.server)) continue;
                    if (c.device && e.host != host_of(*c.device)) continue;
                    seen = contains(trace.payload(e), c.contains);
                }
                out.passed = seen == c.present;
                out.detail = seen ? "seen" : "not seen";
                if (out.claim.empty())
                    out.claim = std::string{"a reply containing \""} + c.contains + "\" was " +
                                (c.present ? "" : "not ") + "seen";
            } else if constexpr (std::is_same_v<T, L::DsnReceivedCheck>) {
                bool got = false;
                MailServer* s = world_->server(c.server);
                const auto msgs =
                    s ? s->store().messages(c.account, "INBOX")
                      : store::Result<std::vector<store::MessageInfo>>{
                            store::store_error(store::StoreErrorCode::NoSuchAccount, "")};
                const std::string action = c.kind == L::DsnKind::Success   ? "Action: delivered"
                                           : c.kind == L::DsnKind::Failure ? "Action: failed"
                                                                           : "Action: delayed";
                if (msgs) {
                    for (const auto& m : msgs.value()) {
                        const auto bytes = s->store().read_message(c.account, "INBOX", m.uid);
                        got |= bytes && contains(bytes.value(), "report-type=delivery-status") &&
                               (contains(bytes.value(), action) ||
                                (c.kind == L::DsnKind::Success &&
                                 contains(bytes.value(), "Action: relayed")));
                    }
                }
                out.passed = got == c.present;
                out.detail =
                    got ? "a matching notification is in the mailbox" : "no such notification";
                if (out.claim.empty())
                    out.claim = c.account + " received a " + std::string{L::dsn_kind_name(c.kind)} +
                                " notification";
            } else if constexpr (std::is_same_v<T, L::SnifferSawCheck>) {
                const HostId a = host_of(c.between.a), b = host_of(c.between.b);
                bool saw = false;
                // What crossed the link during this step, as a sniffer there would see it.
                for (std::size_t i = step_begin; i < trace.size() && !saw; ++i) {
                    const Event& e = trace[i];
                    if (e.kind != EventKind::TcpSegment && e.kind != EventKind::TcpRetransmit) {
                        continue;
                    }
                    const bool on_link = (e.host == a || e.host == b || e.peer == a || e.peer == b);
                    saw = on_link && contains(trace.payload(e), c.text);
                }
                out.passed = saw == c.present;
                out.detail = saw ? "visible in the clear" : "never visible in the clear";
                if (out.claim.empty())
                    out.claim = std::string{"a sniffer "} + (c.present ? "sees" : "does not see") +
                                " \"" + c.text + "\"";
            }
        },
        check.kind);
    return out;
}

StepOutcome LessonRun::run_step() {
    StepOutcome outcome;
    if (finished()) return outcome;
    const L::StepSpec& step = spec_.steps[next_];
    Simulator& sim = world_->sim();
    outcome.first_event = sim.trace().size();
    sim.record({.kind = EventKind::LessonStep,
                .value = static_cast<std::int64_t>(next_ + 1),
                .payload = step.title});
    if (!step.narration.empty())
        sim.record({.kind = EventKind::Narration, .payload = step.narration});
    for (const auto& action : step.actions)
        perform(action, outcome);
    for (const auto& check : step.checks) {
        CheckOutcome c = judge(check, outcome.first_event);
        sim.record({.kind = EventKind::Checkpoint,
                    .value = c.passed ? 1 : 0,
                    .payload = c.claim,
                    .note = c.detail});
        outcome.checks.push_back(std::move(c));
    }
    outcome.end_event = sim.trace().size();
    ++next_;
    return outcome;
}

}  // namespace maillab::sim
