// Reads one entry of a step's `actions`: the `do` kind, its keys, and whether
// the world allows it (the service it needs is running, the link exists).
#include <algorithm>
#include <array>

#include "sim/lesson/step_context.hpp"
#include "sim/lesson/units.hpp"

namespace maillab::sim::lesson {

namespace {

constexpr std::array<std::string_view, 24> kActionNames{
    "type",        "send",         "pop3-check",     "imap-sync",      "imap-read",   "imap-flag",
    "imap-delete", "imap-expunge", "imap-move",      "imap-search",    "imap-create", "imap-idle",
    "imap-thread", "imap-fetch",   "device-offline", "device-online",  "link-down",   "link-up",
    "server-down", "server-up",    "server-crash",   "server-restart", "wait",        "sniff"};

std::string services_of(const ServerSpec& s) {
    std::string out;
    for (auto service : s.services)
        out += (out.empty() ? "" : ", ") + std::string{service_name(service)};
    return out.empty() ? "none" : out;
}

// The action needs `service` on the device account's server.
void require_service(TableReader& r, const StepContext::DeviceAccount& da, Service service,
                     std::string_view why) {
    if (da.server->runs(service)) return;
    r.error_here(std::string{why} + ": server '" + da.server->name + "' runs no " +
                 std::string{service_name(service)} + " service (port " +
                 std::to_string(service_port(service)) + "); it runs " + services_of(*da.server));
}

MessageSelector selector(TableReader& r) {
    MessageSelector m;
    m.subject = r.string("subject");
    if (auto index = r.integer("index", Need::Optional, 1, 1'000'000))
        m.index = static_cast<int>(*index);
    if (!m.subject && !m.index && !r.has("index"))
        r.error_here("say which message " + r.what() + " acts on, with 'subject' or 'index'");
    return m;
}

// POP3 or IMAP reached with the account's tls setting unless the action overrides it.
Tls mailbox_tls(TableReader& r, const StepContext::DeviceAccount& da, Service plain,
                Service implicit, std::string_view what) {
    const Tls tls = r.choice<Tls>("tls", Need::Optional, kTlsKeywords).value_or(da.account->tls);
    require_service(r, da, tls == Tls::Implicit ? implicit : plain, what);
    return tls;
}

// Any IMAP action other than imap-sync: IMAP on either port will do.
void require_imap(TableReader& r, const StepContext::DeviceAccount& da, std::string_view what) {
    if (da.server->runs(Service::Imap) || da.server->runs(Service::Imaps)) return;
    r.error_here(std::string{what} + ": server '" + da.server->name +
                 "' runs no IMAP service (imap or imaps); it runs " + services_of(*da.server));
}

std::optional<SendAction> send(TableReader& r, StepContext& c) {
    SendAction a;
    auto da = c.device_account(r);
    a.from = r.string("from", Need::Required).value_or("");
    a.to = r.strings("to", Need::Required).value_or(std::vector<std::string>{});
    if (r.has("to") && r.node("to")->is_array() && r.node("to")->as_array()->empty())
        r.error_at(*r.node("to"), "'to' needs at least one recipient");
    a.subject = r.string("subject", Need::Required).value_or("");
    a.body = r.string("body").value_or("");
    a.size = r.size("size");
    a.bcc = r.strings("bcc").value_or(std::vector<std::string>{});
    auto port = r.integer("port", Need::Optional, 0, 65535);
    auto tls = r.choice<Tls>("tls", Need::Optional, kTlsKeywords);
    if (auto notify = r.strings("notify")) {
        for (const auto& n : *notify) {
            if (n == "success")
                a.notify.push_back(DsnNotify::Success);
            else if (n == "failure")
                a.notify.push_back(DsnNotify::Failure);
            else if (n == "delay")
                a.notify.push_back(DsnNotify::Delay);
            else
                r.error_at(*r.node("notify"),
                           "'notify' entries must be success, failure or "
                           "delay, got \"" +
                               n + "\"");
        }
    }
    if (!da) {
        r.node("save_copy");
        r.node("answers");
        return std::nullopt;
    }
    if (r.has("save_copy")) {
        require_imap(r, *da, "send with save_copy");
        a.save_copy = c.existing_mailbox(r, "save_copy", da->server->name, da->account->user);
    }
    if (auto answers = r.string("answers")) {
        require_imap(r, *da, "send with answers");
        a.answers = MessageSelector{.subject = *answers, .index = std::nullopt};
    }
    const bool account_implicit = da->account->tls == Tls::Implicit;
    a.port = static_cast<std::uint16_t>(port.value_or(account_implicit ? 465 : 587));
    a.who = da->ref;
    if (a.port != 587 && a.port != 465) {
        r.error_at(*r.node("port"),
                   "'port' of send must be 587 (submission) or 465 "
                   "(submissions), got " +
                       std::to_string(a.port));
        return std::nullopt;
    }
    const Tls fallback =
        a.port == 465 ? Tls::Implicit : (account_implicit ? Tls::StartTls : da->account->tls);
    a.tls = tls.value_or(fallback);
    if (a.port == 465 && a.tls != Tls::Implicit)
        r.error_at(*r.node("tls"),
                   "port 465 speaks TLS from the first byte; use tls = "
                   "\"implicit\" or port 587");
    if (a.port == 587 && a.tls == Tls::Implicit)
        r.error_at(*r.node("tls"),
                   "port 587 starts in plaintext; use tls = \"starttls\" or "
                   "port 465");
    require_service(r, *da, a.port == 465 ? Service::Submissions : Service::Submission,
                    "send through port " + std::to_string(a.port));
    return a;
}

std::optional<ActionKind> device_mail_action(std::string_view kind, TableReader& r,
                                             StepContext& c) {
    auto da = c.device_account(r);
    if (kind == "pop3-check") {
        Pop3CheckAction a;
        auto leave = r.boolean("leave_on_server");
        auto only_new = r.boolean("only_new");
        auto days = r.integer("delete_after_days", Need::Optional, 1, 3650);
        if (!da) return std::nullopt;
        a.who = da->ref;
        a.tls = mailbox_tls(r, *da, Service::Pop3, Service::Pop3s, "pop3-check");
        a.leave_on_server = leave.value_or(da->account->leave_on_server);
        a.only_new = only_new.value_or(a.leave_on_server);
        if (days)
            a.delete_after_days = static_cast<int>(*days);
        else
            a.delete_after_days = da->account->delete_after_days;
        return a;
    }
    if (!da) {
        for (auto key : {"mailbox", "subject", "index", "flags", "set", "target", "criteria", "tls",
                         "duration", "items"})
            r.node(key);
        return std::nullopt;
    }
    const std::string& server = da->server->name;
    const std::string& user = da->account->user;
    if (kind == "imap-sync") {
        ImapSyncAction a{da->ref, c.existing_mailbox(r, "mailbox", server, user), Tls::StartTls};
        a.tls = mailbox_tls(r, *da, Service::Imap, Service::Imaps, "imap-sync");
        return a;
    }
    if (kind == "imap-idle") {
        ImapIdleAction a{da->ref, c.existing_mailbox(r, "mailbox", server, user), Tls::StartTls,
                         r.duration("duration", Need::Required).value_or(0)};
        a.tls = mailbox_tls(r, *da, Service::Imap, Service::Imaps, "imap-idle");
        return a;
    }
    require_imap(r, *da, kind);
    if (kind == "imap-create") {
        auto name = r.string("mailbox", Need::Required);
        if (!name) return std::nullopt;
        c.add_mailbox(server, user, *name);
        return ImapCreateAction{da->ref, normalize_mailbox(*name)};
    }
    std::string mailbox = c.existing_mailbox(r, "mailbox", server, user);
    if (kind == "imap-expunge") return ImapExpungeAction{da->ref, mailbox};
    if (kind == "imap-thread") return ImapThreadAction{da->ref, mailbox};
    if (kind == "imap-search") {
        return ImapSearchAction{da->ref, mailbox,
                                r.string("criteria", Need::Required).value_or("ALL")};
    }
    MessageSelector which = selector(r);
    if (kind == "imap-read") return ImapReadAction{da->ref, mailbox, which};
    if (kind == "imap-delete") return ImapDeleteAction{da->ref, mailbox, which};
    if (kind == "imap-fetch") {
        auto items = r.string("items", Need::Required).value_or("");
        if (items.find_first_of("\r\n") != std::string::npos) {
            r.error_at(*r.node("items"), "'items' is one line of FETCH items, without line breaks");
            return std::nullopt;
        }
        return ImapFetchAction{da->ref, mailbox, which, std::move(items)};
    }
    if (kind == "imap-move") {
        std::string target = c.existing_mailbox(r, "target", server, user, Need::Required);
        return ImapMoveAction{da->ref, mailbox, which, target};
    }
    ImapFlagAction a{da->ref, mailbox, which, {}, true};
    a.flags = r.strings("flags", Need::Required).value_or(std::vector<std::string>{});
    a.set = r.boolean("set").value_or(true);
    return a;
}

std::optional<TypeAction> type(TableReader& r, StepContext& c) {
    const DeviceSpec* d = c.device(r, "device");
    const ServerSpec* s = c.server(r, "server");
    auto port = r.integer("port", Need::Required, 1, 65535);
    auto lines = r.strings("lines", Need::Required);
    if (d == nullptr || s == nullptr || !port || !lines) return std::nullopt;
    bool listening = false;
    for (auto service : s->services)
        listening = listening || service_port(service) == *port;
    if (!listening) {
        r.error_at(*r.node("port"), "server '" + s->name + "' has nothing listening on port " +
                                        std::to_string(*port) + "; it runs " + services_of(*s));
        return std::nullopt;
    }
    for (const auto& line : *lines) {
        if (line.find_first_of("\r\n") != std::string::npos) {
            r.error_at(*r.node("lines"),
                       "each entry of 'lines' is one command, without line "
                       "breaks");
            return std::nullopt;
        }
    }
    return TypeAction{d->name, s->name, static_cast<std::uint16_t>(*port), std::move(*lines)};
}

std::optional<ActionKind> action_kind(std::string_view kind, TableReader& r, StepContext& c) {
    if (kind == "type") {
        auto a = type(r, c);
        if (!a) return std::nullopt;
        return *a;
    }
    if (kind == "send") {
        auto a = send(r, c);
        if (!a) return std::nullopt;
        return *a;
    }
    if (kind == "pop3-check" || kind.starts_with("imap-")) return device_mail_action(kind, r, c);
    if (kind == "device-offline" || kind == "device-online") {
        const DeviceSpec* d = c.device(r, "device");
        if (d == nullptr) return std::nullopt;
        if (kind == "device-offline") return DeviceOfflineAction{d->name};
        return DeviceOnlineAction{d->name};
    }
    if (kind == "link-down" || kind == "link-up" || kind == "sniff") {
        auto ends = c.link(r);
        if (!ends) return std::nullopt;
        if (kind == "link-down") return LinkDownAction{*ends};
        if (kind == "link-up") return LinkUpAction{*ends};
        c.add_sniffer(*ends);
        return SniffAction{*ends};
    }
    if (kind.starts_with("server-")) {
        const ServerSpec* s = c.server(r, "server");
        if (s == nullptr) return std::nullopt;
        if (kind == "server-down") return ServerDownAction{s->name};
        if (kind == "server-up") return ServerUpAction{s->name};
        if (kind == "server-crash") return ServerCrashAction{s->name};
        return ServerRestartAction{s->name};
    }
    auto d = r.duration("duration", Need::Required);
    if (!d) return std::nullopt;
    return WaitAction{*d};
}

}  // namespace

std::optional<Action> parse_action(const toml::table& table, StepContext& c) {
    auto kind = read_kind(table, "do", kActionNames, "action", c.diags());
    if (!kind) return std::nullopt;
    TableReader r{table, "action '" + *kind + "'", c.diags()};
    r.node("do");
    auto parsed = action_kind(*kind, r, c);
    r.finish();
    if (!parsed) return std::nullopt;
    return Action{std::move(*parsed), *kind, position_of(table)};
}

}  // namespace maillab::sim::lesson
