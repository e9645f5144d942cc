#include "sim/lesson/world_parser.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "sim/lesson/limits.hpp"
#include "sim/lesson/units.hpp"

namespace maillab::sim::lesson {

namespace {

constexpr std::array<std::pair<std::string_view, Service>, 7> kServices{{
    {"smtp", Service::Smtp},
    {"submission", Service::Submission},
    {"submissions", Service::Submissions},
    {"pop3", Service::Pop3},
    {"pop3s", Service::Pop3s},
    {"imap", Service::Imap},
    {"imaps", Service::Imaps},
}};

constexpr std::array<std::pair<std::string_view, DeviceKind>, 2> kDeviceKinds{{
    {"laptop", DeviceKind::Laptop},
    {"phone", DeviceKind::Phone},
}};

constexpr std::array<std::pair<std::string_view, DnsType>, 2> kDnsTypes{{
    {"A", DnsType::A},
    {"MX", DnsType::Mx},
}};

// "server 'mail.example.org'" when the table names itself, else "server".
std::string label(std::string_view kind, const toml::table& table) {
    const auto* name = table.get_as<std::string>("name");
    constexpr std::size_t kMaxLabel = 80;
    if (name == nullptr || name->get().empty() || name->get().size() > kMaxLabel)
        return std::string{kind};
    return std::string{kind} + " '" + name->get() + "'";
}

class WorldParser {
public:
    WorldParser(Diagnostics& diags) : diags_(diags) {}

    WorldSpec parse(const toml::table& table) {
        TableReader r{table, "world", diags_};
        const Micros latency = r.duration("latency").value_or(kDefaultLatency);
        for (const auto* t : r.tables("servers", Need::Required, kMaxHosts))
            server(*t);
        for (const auto* t : r.tables("devices", Need::Optional, kMaxHosts))
            device(*t);
        if (world_.servers.size() + world_.devices.size() > kMaxHosts)
            r.error_here("too many hosts (" +
                         std::to_string(world_.servers.size() + world_.devices.size()) +
                         "; at most " + std::to_string(kMaxHosts) + ")");
        check_device_accounts();
        implicit_links(latency);
        for (const auto* t : r.tables("links", Need::Optional, kMaxLinks))
            link(*t);
        default_dns();
        for (const auto* t : r.tables("dns", Need::Optional, kMaxDnsRecords))
            dns(*t);
        r.finish();
        return std::move(world_);
    }

private:
    // A host name and address, unique among all hosts.
    void host_identity(TableReader& r, std::string& name, std::string& address) {
        if (auto n = r.string("name", Need::Required)) {
            const toml::node& at = *r.node("name");
            if (!is_host_name(*n)) {
                r.error_at(at,
                           "'name' must be a host name (letters, digits, dashes and dots), "
                           "got \"" +
                               *n + "\"");
            } else if (*n == kInternet) {
                r.error_at(at,
                           "'internet' is the name of the router every host is attached "
                           "to; choose another name");
            } else if (auto [it, fresh] = names_.emplace(*n, position_of(at)); !fresh) {
                r.error_at(at, "duplicate host name '" + *n + "' (first declared at line " +
                                   std::to_string(it->second.line) + ")");
            }
            name = *n;
        }
        if (auto a = r.string("address", Need::Required)) {
            const toml::node& at = *r.node("address");
            if (!is_ipv4(*a)) {
                r.error_at(at, "'address' must be an IPv4 address like \"192.0.2.10\", got \"" +
                                   *a + "\"");
            } else if (auto [it, fresh] = addresses_.emplace(*a, position_of(at)); !fresh) {
                r.error_at(at, "duplicate address " + *a + " (first used at line " +
                                   std::to_string(it->second.line) + ")");
            }
            address = *a;
        }
    }

    void server(const toml::table& table) {
        ServerSpec s;
        s.where = position_of(table);
        TableReader r{table, label("server", table), diags_};
        host_identity(r, s.name, s.address);
        if (auto domains = r.strings("domains", Need::Required)) {
            for (const auto& d : *domains) {
                if (!is_host_name(d))
                    r.error_at(*r.node("domains"),
                               "'domains' entry \"" + d + "\" is not a domain name");
                else if (auto [it, fresh] = domains_.emplace(d, s.name); !fresh)
                    r.error_at(
                        *r.node("domains"),
                        "domain '" + d + "' is already received by server '" + it->second + "'");
            }
            s.domains = std::move(*domains);
        }
        services(r, s);
        s.persistent = r.boolean("persistent").value_or(true);
        s.plaintext_auth = r.boolean("plaintext_auth").value_or(false);
        if (const auto* q = r.table("queue")) queue(*q, s.queue);
        for (const auto* t : r.tables("accounts", Need::Optional, kMaxAccountsPerServer))
            account(*t, s);
        r.finish();
        world_.servers.push_back(std::move(s));
    }

    void services(TableReader& r, ServerSpec& s) {
        auto names = r.strings("services", Need::Required);
        if (!names) return;
        const toml::node& at = *r.node("services");
        std::vector<std::string> known;
        for (const auto& [name, value] : kServices)
            known.emplace_back(name);
        for (const auto& name : *names) {
            auto it = std::find_if(kServices.begin(), kServices.end(),
                                   [&](const auto& c) { return c.first == name; });
            if (it == kServices.end()) {
                r.error_at(at, "unknown service \"" + name +
                                   "\" (services: smtp, submission, submissions, pop3, pop3s, "
                                   "imap, imaps)" +
                                   did_you_mean(name, known));
            } else if (s.runs(it->second)) {
                r.error_at(at, "service \"" + name + "\" is listed twice");
            } else {
                s.services.push_back(it->second);
            }
        }
    }

    void queue(const toml::table& table, QueueSpec& q) {
        TableReader r{table, "queue", diags_};
        if (const toml::node* n = r.node("retry")) {
            const auto* a = n->as_array();
            if (a == nullptr || a->size() > kMaxListLength) {
                r.error_at(*n,
                           "'retry' must be a list of durations, like [\"1m\", \"5m\", "
                           "\"30m\"]");
            } else {
                for (const auto& element : *a) {
                    const auto* text = element.as_string();
                    auto d = text != nullptr ? parse_duration(text->get()) : std::nullopt;
                    if (d && *d > 0)
                        q.retry.push_back(*d);
                    else
                        r.error_at(element,
                                   "each 'retry' entry must be a positive duration "
                                   "like \"90s\" or \"2h\"");
                }
            }
        }
        q.lifetime = r.duration("lifetime");
        r.finish();
    }

    void account(const toml::table& table, ServerSpec& s) {
        AccountSpec a;
        a.where = position_of(table);
        TableReader r{table, "account", diags_};
        if (auto user = r.string("user", Need::Required)) {
            if (user->empty() || user->find_first_of(" @\t\r\n\"") != std::string::npos)
                r.error_at(*r.node("user"),
                           "'user' must be a name without spaces, quotes or "
                           "'@', got \"" +
                               *user + "\"");
            else if (s.account(*user) != nullptr)
                r.error_at(*r.node("user"),
                           "duplicate account '" + *user + "' on server '" + s.name + "'");
            a.user = *user;
        }
        a.password = r.string("password", Need::Required).value_or("");
        a.quota_bytes = r.size("quota_size");
        if (auto m = r.integer("quota_messages", Need::Optional, 0, 100000))
            a.quota_messages = static_cast<std::uint32_t>(*m);
        a.folders = r.strings("folders").value_or(std::vector<std::string>{});
        for (const auto* t : r.tables("messages", Need::Optional, kMaxMessages)) {
            if (++message_count_ > kMaxMessages) {
                if (message_count_ == kMaxMessages + 1)
                    r.error_at(*t, "too many stored messages (at most " +
                                       std::to_string(kMaxMessages) + " in the whole world)");
                continue;
            }
            a.messages.push_back(message(*t));
        }
        r.finish();
        s.accounts.push_back(std::move(a));
    }

    MessageSpec message(const toml::table& table) {
        MessageSpec m;
        m.where = position_of(table);
        TableReader r{table, "message", diags_};
        m.mailbox = r.string("mailbox").value_or("INBOX");
        m.from = r.string("from", Need::Required).value_or("");
        m.to = r.strings("to", Need::Required).value_or(std::vector<std::string>{});
        m.subject = r.string("subject", Need::Required).value_or("");
        m.body = r.string("body").value_or("");
        m.flags = r.strings("flags").value_or(std::vector<std::string>{});
        m.age = r.duration("age").value_or(0);
        m.size = r.size("size");
        m.attachment = r.string("attachment");
        m.attachment_size = r.size("attachment_size");
        if (m.attachment &&
            (m.attachment->empty() || m.attachment->find_first_of("\"\\\r\n") != std::string::npos))
            r.error_at(*r.node("attachment"),
                       "'attachment' is a file name, without quotes, backslashes or line breaks");
        if (m.attachment_size && !m.attachment)
            r.error_here("'attachment_size' needs 'attachment', the file's name");
        r.finish();
        return m;
    }

    void device(const toml::table& table) {
        DeviceSpec d;
        d.where = position_of(table);
        TableReader r{table, label("device", table), diags_};
        host_identity(r, d.name, d.address);
        d.kind =
            r.choice<DeviceKind>("kind", Need::Required, kDeviceKinds).value_or(DeviceKind::Laptop);
        for (const auto* t : r.tables("accounts", Need::Optional, kMaxAccountsPerDevice)) {
            DeviceAccountSpec a;
            a.where = position_of(*t);
            TableReader ar{*t, "device account", diags_};
            a.server = ar.string("server", Need::Required).value_or("");
            a.user = ar.string("user", Need::Required).value_or("");
            a.password = ar.string("password", Need::Required).value_or("");
            a.tls = ar.choice<Tls>("tls", Need::Optional, kTlsKeywords).value_or(Tls::StartTls);
            a.leave_on_server = ar.boolean("leave_on_server").value_or(false);
            if (auto days = ar.integer("delete_after_days", Need::Optional, 1, 3650))
                a.delete_after_days = static_cast<int>(*days);
            if (!a.user.empty() && d.account(a.user) != nullptr)
                ar.error_at(
                    *ar.node("user"),
                    "device '" + d.name + "' already uses an account named '" + a.user + "'");
            ar.finish();
            account_refs_.push_back(AccountRef{t});
            d.accounts.push_back(std::move(a));
        }
        r.finish();
        world_.devices.push_back(std::move(d));
    }

    // After all servers are known: each device account names a real account.
    void check_device_accounts() {
        std::size_t i = 0;
        for (const auto& d : world_.devices) {
            for (const auto& a : d.accounts) {
                const toml::table& t = *account_refs_.at(i++).table;
                const ServerSpec* s = world_.server(a.server);
                if (s == nullptr) {
                    if (const toml::node* n = t.get("server"); n != nullptr && !a.server.empty())
                        error_at(*n, "device '" + d.name + "' uses unknown server '" + a.server +
                                         "'" + did_you_mean(a.server, server_names()));
                    continue;
                }
                if (s->account(a.user) == nullptr && !a.user.empty()) {
                    std::vector<std::string> users;
                    for (const auto& acc : s->accounts)
                        users.push_back(acc.user);
                    if (const toml::node* n = t.get("user"))
                        error_at(*n, "device '" + d.name + "' uses account '" + a.user +
                                         "', but server '" + s->name + "' has no such account" +
                                         did_you_mean(a.user, users));
                }
            }
        }
    }

    void implicit_links(Micros latency) {
        auto add = [&](const std::string& name, SourcePos where) {
            LinkSpec l;
            l.between = LinkEnds{name, std::string{kInternet}};
            l.latency = latency;
            l.implicit = true;
            l.where = where;
            world_.links.push_back(std::move(l));
        };
        for (const auto& s : world_.servers)
            add(s.name, s.where);
        for (const auto& d : world_.devices)
            add(d.name, d.where);
    }

    void link(const toml::table& table) {
        TableReader r{table, "link", diags_};
        LinkSpec l;
        l.where = position_of(table);
        auto ends = read_between(r, world_, Need::Required);
        if (auto latency = r.duration("latency")) l.latency = *latency;
        if (auto bandwidth = r.bandwidth("bandwidth")) l.bandwidth = *bandwidth;
        if (auto loss = r.fraction("loss")) l.loss = *loss;
        r.finish();
        if (!ends) return;
        l.between = *ends;
        auto existing =
            std::find_if(world_.links.begin(), world_.links.end(),
                         [&](const LinkSpec& x) { return x.between.connects(ends->a, ends->b); });
        if (existing == world_.links.end()) {
            world_.links.push_back(std::move(l));
        } else if (existing->implicit) {
            *existing = std::move(l);
        } else {
            r.error_at(*r.node("between"), "duplicate link between '" + ends->a + "' and '" +
                                               ends->b + "' (first declared at line " +
                                               std::to_string(existing->where.line) + ")");
        }
    }

    void default_dns() {
        for (const auto& s : world_.servers) {
            world_.dns.push_back(DnsRecord{s.name, DnsType::A, s.address, 10, false, s.where});
            for (const auto& d : s.domains)
                world_.dns.push_back(DnsRecord{d, DnsType::Mx, s.name, 10, false, s.where});
        }
        for (const auto& d : world_.devices)
            world_.dns.push_back(DnsRecord{d.name, DnsType::A, d.address, 10, false, d.where});
    }

    void dns(const toml::table& table) {
        TableReader r{table, "dns record", diags_};
        DnsRecord record;
        record.from_file = true;
        record.where = position_of(table);
        record.name = r.string("name", Need::Required).value_or("");
        record.type = r.choice<DnsType>("type", Need::Required, kDnsTypes).value_or(DnsType::A);
        if (auto value = r.string("value", Need::Required)) {
            const toml::node& at = *r.node("value");
            if (record.type == DnsType::A && !is_ipv4(*value))
                r.error_at(at,
                           "an A record's 'value' must be an IPv4 address, got \"" + *value + "\"");
            if (record.type == DnsType::Mx && !is_host_name(*value))
                r.error_at(at,
                           "an MX record's 'value' must be a host name, got \"" + *value + "\"");
            record.value = *value;
        }
        if (auto p = r.integer("preference", Need::Optional, 0, 65535))
            record.preference = static_cast<int>(*p);
        r.finish();
        // The first record the file gives for a name and type replaces the
        // derived ones; later ones add to it (several MX records, say).
        std::erase_if(world_.dns, [&](const DnsRecord& x) {
            return !x.from_file && x.name == record.name && x.type == record.type;
        });
        world_.dns.push_back(std::move(record));
    }

    std::vector<std::string> server_names() const {
        std::vector<std::string> out;
        for (const auto& s : world_.servers)
            out.push_back(s.name);
        return out;
    }

    void error_at(const toml::node& node, std::string message) {
        const SourcePos p = position_of(node);
        diags_.error(p.line, p.column, std::move(message));
    }

    struct AccountRef {
        const toml::table* table;
    };

    Diagnostics& diags_;
    WorldSpec world_;
    std::map<std::string, SourcePos> names_;
    std::map<std::string, SourcePos> addresses_;
    std::map<std::string, std::string> domains_;
    std::vector<AccountRef> account_refs_;
    std::size_t message_count_ = 0;
};

}  // namespace

WorldSpec parse_world(const toml::table& world, Diagnostics& diags) {
    return WorldParser{diags}.parse(world);
}

std::vector<std::string> host_names(const WorldSpec& world) {
    std::vector<std::string> out;
    for (const auto& s : world.servers)
        out.push_back(s.name);
    for (const auto& d : world.devices)
        out.push_back(d.name);
    return out;
}

std::optional<LinkEnds> read_between(TableReader& r, const WorldSpec& world, Need need) {
    const toml::node* n = r.node("between", need);
    if (n == nullptr) return std::nullopt;
    const auto* a = n->as_array();
    if (a == nullptr || a->size() != 2 || !(*a)[0].is_string() || !(*a)[1].is_string()) {
        r.error_at(*n, "'between' must name two hosts, like [\"laptop\", \"internet\"]");
        return std::nullopt;
    }
    LinkEnds ends{(*a)[0].as_string()->get(), (*a)[1].as_string()->get()};
    bool ok = true;
    std::vector<std::string> names = host_names(world);
    names.emplace_back(kInternet);
    for (std::size_t i = 0; i < 2; ++i) {
        const std::string& name = i == 0 ? ends.a : ends.b;
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            r.error_at((*a)[i],
                       "unknown host '" + name + "' in 'between'" + did_you_mean(name, names));
            ok = false;
        }
    }
    if (ok && ends.a == ends.b) {
        r.error_at(*n, "'between' must name two different hosts");
        ok = false;
    }
    if (!ok) return std::nullopt;
    return ends;
}

}  // namespace maillab::sim::lesson
