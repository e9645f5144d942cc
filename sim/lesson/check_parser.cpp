// Reads one entry of a step's `checks`: the `check` kind, its keys, and that
// everything it names exists at that point of the lesson.
#include <algorithm>
#include <array>

#include "sim/lesson/step_context.hpp"

namespace maillab::sim::lesson {

namespace {

constexpr std::array<std::string_view, 11> kCheckNames{
    "message-contains", "mailbox-count", "device-count", "queue-count", "has-flag", "device-has",
    "device-has-flag",  "reply",         "dsn-received", "sniffer-saw", "packet"};

// The keys of a reply check's text, one of which it needs.
constexpr std::array<std::pair<std::string_view, ReplyMatch>, 3> kReplyMatches{{
    {"contains", ReplyMatch::Contains},
    {"line", ReplyMatch::Line},
    {"starts", ReplyMatch::Starts},
}};

constexpr std::array<std::pair<std::string_view, DsnKind>, 3> kDsnKinds{{
    {"success", DsnKind::Success},
    {"failure", DsnKind::Failure},
    {"delay", DsnKind::Delay},
}};

int count(TableReader& r) {
    return static_cast<int>(r.integer("equals", Need::Required, 0, 1'000'000).value_or(0));
}

std::optional<CheckKind> check_kind(std::string_view kind, TableReader& r, StepContext& c) {
    if (kind == "mailbox-count" || kind == "has-flag" || kind == "message-contains") {
        const ServerSpec* s = c.server(r, "server");
        const AccountSpec* a = c.server_account(r, s);
        std::string mailbox =
            a != nullptr ? c.existing_mailbox(r, "mailbox", s->name, a->user) : "INBOX";
        if (a == nullptr) r.node("mailbox");
        if (kind == "mailbox-count") {
            const int equals = count(r);
            if (a == nullptr) return std::nullopt;
            return MailboxCountCheck{s->name, a->user, mailbox, equals};
        }
        if (kind == "message-contains") {
            MessageContainsCheck m;
            m.subject = r.string("subject", Need::Required).value_or("");
            m.text = r.string("text", Need::Required).value_or("");
            m.present = r.boolean("present").value_or(true);
            if (a == nullptr) return std::nullopt;
            m.server = s->name;
            m.account = a->user;
            m.mailbox = mailbox;
            return m;
        }
        HasFlagCheck h;
        h.subject = r.string("subject", Need::Required).value_or("");
        h.flag = r.string("flag", Need::Required).value_or("");
        h.present = r.boolean("present").value_or(true);
        if (a == nullptr) return std::nullopt;
        h.server = s->name;
        h.account = a->user;
        h.mailbox = mailbox;
        return h;
    }
    if (kind == "device-count") {
        const DeviceSpec* d = c.device(r, "device");
        auto account = r.string("account");
        const int equals = count(r);
        if (d == nullptr) return std::nullopt;
        if (account && d->account(*account) == nullptr) {
            r.error_at(*r.node("account"),
                       "device '" + d->name + "' has no account '" + *account + "'");
            return std::nullopt;
        }
        return DeviceCountCheck{d->name, account, equals};
    }
    if (kind == "queue-count") {
        const ServerSpec* s = c.server(r, "server");
        const int equals = count(r);
        if (s == nullptr) return std::nullopt;
        return QueueCountCheck{s->name, equals};
    }
    if (kind == "device-has-flag") {
        const DeviceSpec* d = c.device(r, "device");
        DeviceHasFlagCheck h;
        h.subject = r.string("subject", Need::Required).value_or("");
        h.flag = r.string("flag", Need::Required).value_or("");
        h.present = r.boolean("present").value_or(true);
        if (d == nullptr) return std::nullopt;
        h.device = d->name;
        return h;
    }
    if (kind == "device-has") {
        const DeviceSpec* d = c.device(r, "device");
        DeviceHasCheck h;
        h.subject = r.string("subject", Need::Required).value_or("");
        h.present = r.boolean("present").value_or(true);
        if (d == nullptr) return std::nullopt;
        h.device = d->name;
        return h;
    }
    if (kind == "reply") {
        ReplyCheck h;
        const bool named = r.has("device") || r.has("server");
        const DeviceSpec* d = c.device(r, "device", Need::Optional);
        const ServerSpec* s = c.server(r, "server", Need::Optional);
        if (!named)
            r.error_here(
                "say whose session the reply check looks at, with 'device' or "
                "'server'");
        h.command = r.string("command");
        std::size_t given = 0;
        for (const auto& [key, match] : kReplyMatches) {
            if (!r.has(key)) continue;
            if (++given > 1) {
                r.error_at(*r.node(key),
                           "a reply check compares one text: give only one of 'contains', "
                           "'line' and 'starts'");
                continue;
            }
            h.text = r.string(key, Need::Required).value_or("");
            h.match = match;
        }
        if (given == 0)
            r.error_here(
                "say what the reply holds, with 'contains' (anywhere in a line), 'line' (the "
                "whole line) or 'starts' (the start of a line)");
        h.present = r.boolean("present").value_or(true);
        if (d != nullptr) h.device = d->name;
        if (s != nullptr) h.server = s->name;
        if (!h.device && !h.server) return std::nullopt;
        return h;
    }
    if (kind == "packet") {
        const DeviceSpec* d = c.device(r, "device");
        PacketCheck h;
        h.command = r.string("command", Need::Required).value_or("");
        h.port =
            static_cast<std::uint16_t>(r.integer("port", Need::Required, 1, 65535).value_or(0));
        h.tls = r.boolean("tls");
        if (d == nullptr) return std::nullopt;
        h.device = d->name;
        return h;
    }
    if (kind == "dsn-received") {
        const ServerSpec* s = c.server(r, "server");
        const AccountSpec* a = c.server_account(r, s);
        DsnReceivedCheck h;
        h.kind = r.choice<DsnKind>("kind", Need::Required, kDsnKinds).value_or(DsnKind::Success);
        h.present = r.boolean("present").value_or(true);
        if (a == nullptr) return std::nullopt;
        h.server = s->name;
        h.account = a->user;
        return h;
    }
    auto ends = c.link(r);
    SnifferSawCheck h;
    h.text = r.string("text", Need::Required).value_or("");
    h.present = r.boolean("present").value_or(true);
    if (!ends) return std::nullopt;
    if (!c.sniffed(*ends)) {
        r.error_at(*r.node("between"), "no sniffer on the link between '" + ends->a + "' and '" +
                                           ends->b +
                                           "' yet; add a 'sniff' action before this "
                                           "check");
        return std::nullopt;
    }
    h.between = *ends;
    return h;
}

}  // namespace

std::optional<Check> parse_check(const toml::table& table, StepContext& c) {
    auto kind = read_kind(table, "check", kCheckNames, "check", c.diags());
    if (!kind) return std::nullopt;
    TableReader r{table, "check '" + *kind + "'", c.diags()};
    r.node("check");
    std::string say = r.string("say").value_or("");
    auto parsed = check_kind(*kind, r, c);
    r.finish();
    if (!parsed) return std::nullopt;
    return Check{std::move(*parsed), *kind, std::move(say), position_of(table)};
}

}  // namespace maillab::sim::lesson
