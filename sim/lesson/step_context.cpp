#include "sim/lesson/step_context.hpp"

#include <algorithm>

#include "protocols/store/mail_store.hpp"
#include "sim/lesson/world_parser.hpp"

namespace maillab::sim::lesson {

std::string normalize_mailbox(const std::string& name) {
    std::string upper = name;
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return upper == "INBOX" ? upper : name;
}

StepContext::StepContext(const WorldSpec& world, Diagnostics& diags)
    : world_(world), diags_(diags) {
    for (const auto& s : world.servers) {
        for (const auto& a : s.accounts) {
            add_mailbox(s.name, a.user, "INBOX");
            // The store gives every account these too, and clients list them.
            for (const auto& [name, use] : protocols::store::kDefaultMailboxes)
                add_mailbox(s.name, a.user, std::string{name});
            for (const auto& f : a.folders)
                add_mailbox(s.name, a.user, f);
            for (const auto& m : a.messages)
                add_mailbox(s.name, a.user, m.mailbox);
        }
    }
}

void StepContext::add_mailbox(const std::string& server, const std::string& user,
                              const std::string& mailbox) {
    mailboxes_[server + " " + user].insert(normalize_mailbox(mailbox));
}

const ServerSpec* StepContext::server(TableReader& r, std::string_view key, Need need) {
    auto name = r.string(key, need);
    if (!name) return nullptr;
    const ServerSpec* s = world_.server(*name);
    if (s == nullptr) {
        std::vector<std::string> names;
        for (const auto& x : world_.servers)
            names.push_back(x.name);
        r.error_at(*r.node(key),
                   "unknown server '" + *name + "' in " + r.what() + did_you_mean(*name, names));
    }
    return s;
}

const DeviceSpec* StepContext::device(TableReader& r, std::string_view key, Need need) {
    auto name = r.string(key, need);
    if (!name) return nullptr;
    const DeviceSpec* d = world_.device(*name);
    if (d == nullptr) {
        std::vector<std::string> names;
        for (const auto& x : world_.devices)
            names.push_back(x.name);
        r.error_at(*r.node(key),
                   "unknown device '" + *name + "' in " + r.what() + did_you_mean(*name, names));
    }
    return d;
}

const AccountSpec* StepContext::server_account(TableReader& r, const ServerSpec* server) {
    auto user = r.string("account", Need::Required);
    if (!user || server == nullptr) return nullptr;
    const AccountSpec* a = server->account(*user);
    if (a == nullptr) {
        std::vector<std::string> users;
        for (const auto& x : server->accounts)
            users.push_back(x.user);
        r.error_at(*r.node("account"), "server '" + server->name + "' has no account '" + *user +
                                           "'" + did_you_mean(*user, users));
    }
    return a;
}

std::optional<StepContext::DeviceAccount> StepContext::device_account(TableReader& r) {
    const DeviceSpec* d = device(r, "device");
    auto user = r.string("account");
    if (d == nullptr) return std::nullopt;
    const DeviceAccountSpec* a = nullptr;
    if (user) {
        a = d->account(*user);
        if (a == nullptr) {
            std::vector<std::string> users;
            for (const auto& x : d->accounts)
                users.push_back(x.user);
            r.error_at(*r.node("account"), "device '" + d->name + "' has no account '" + *user +
                                               "'" + did_you_mean(*user, users));
            return std::nullopt;
        }
    } else if (d->accounts.size() == 1) {
        a = &d->accounts.front();
    } else {
        r.error_here(d->accounts.empty()
                         ? "device '" + d->name + "' has no mail account for " + r.what()
                         : "device '" + d->name +
                               "' has several accounts; say which with 'account' in " + r.what());
        return std::nullopt;
    }
    const ServerSpec* s = world_.server(a->server);
    if (s == nullptr) return std::nullopt;  // already reported with the device
    return DeviceAccount{DeviceRef{d->name, a->user}, d, a, s};
}

std::string StepContext::existing_mailbox(TableReader& r, std::string_view key,
                                          const std::string& server, const std::string& user,
                                          Need need) {
    auto name = r.string(key, need);
    if (!name) return "INBOX";
    const std::string normal = normalize_mailbox(*name);
    auto it = mailboxes_.find(server + " " + user);
    if (it == mailboxes_.end()) return normal;
    if (it->second.count(normal) == 0) {
        std::vector<std::string> names(it->second.begin(), it->second.end());
        r.error_at(*r.node(key), "account '" + user + "' on '" + server + "' has no mailbox '" +
                                     *name +
                                     "' at this point (declare it in 'folders' or create it "
                                     "with imap-create first)" +
                                     did_you_mean(*name, names));
    }
    return normal;
}

std::optional<LinkEnds> StepContext::link(TableReader& r) {
    auto ends = read_between(r, world_, Need::Required);
    if (!ends) return std::nullopt;
    if (world_.link(ends->a, ends->b) == nullptr) {
        r.error_at(*r.node("between"),
                   "there is no link between '" + ends->a + "' and '" + ends->b +
                       "' (every host has a link to 'internet'; others must be declared in "
                       "[[world.links]])");
        return std::nullopt;
    }
    return ends;
}

std::optional<std::string> read_kind(const toml::table& table, std::string_view key,
                                     std::span<const std::string_view> names, std::string_view noun,
                                     Diagnostics& diags) {
    TableReader head{table, std::string{noun}, diags};
    auto kind = head.string(key, Need::Required);
    if (!kind) return std::nullopt;
    std::vector<std::string> known(names.begin(), names.end());
    if (std::find(known.begin(), known.end(), *kind) == known.end()) {
        head.error_at(*head.node(key), "unknown " + std::string{noun} + " \"" + *kind + "\"" +
                                           did_you_mean(*kind, known) +
                                           " (see docs/lessons.md for the list)");
        return std::nullopt;
    }
    return kind;
}

bool StepContext::sniffed(const LinkEnds& ends) const {
    return std::any_of(sniffed_.begin(), sniffed_.end(),
                       [&](const LinkEnds& x) { return x.connects(ends.a, ends.b); });
}

}  // namespace maillab::sim::lesson
