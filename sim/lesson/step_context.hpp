// What the step parsers know while reading [[steps]] in order: the world,
// which mailboxes exist so far (INBOX, declared folders, folders created or
// moved into by earlier actions), and which links have a sniffer. References
// are checked against it as each action and check is read. Internal.
#pragma once

#include <map>
#include <set>
#include <span>
#include <string>

#include "sim/lesson/diagnostic.hpp"
#include "sim/lesson/lesson_spec.hpp"
#include "sim/lesson/table_reader.hpp"

namespace maillab::sim::lesson {

class StepContext {
public:
    StepContext(const WorldSpec& world, Diagnostics& diags);

    const WorldSpec& world() const { return world_; }
    Diagnostics& diags() { return diags_; }

    // Reads a required host reference from `key`, reporting unknown names.
    const ServerSpec* server(TableReader& r, std::string_view key, Need need = Need::Required);
    const DeviceSpec* device(TableReader& r, std::string_view key, Need need = Need::Required);
    // Reads `account` (a user of the server), reporting unknown ones.
    const AccountSpec* server_account(TableReader& r, const ServerSpec* server);
    // Reads `device` and `account` (optional when the device has one account).
    struct DeviceAccount {
        DeviceRef ref;
        const DeviceSpec* device = nullptr;
        const DeviceAccountSpec* account = nullptr;
        const ServerSpec* server = nullptr;
    };
    std::optional<DeviceAccount> device_account(TableReader& r);
    // Reads a mailbox name from `key` that must exist by now for the account.
    std::string existing_mailbox(TableReader& r, std::string_view key, const std::string& server,
                                 const std::string& user, Need need = Need::Optional);
    void add_mailbox(const std::string& server, const std::string& user,
                     const std::string& mailbox);

    // Reads `between` naming a link that exists.
    std::optional<LinkEnds> link(TableReader& r);
    void add_sniffer(const LinkEnds& ends) { sniffed_.push_back(ends); }
    bool sniffed(const LinkEnds& ends) const;

private:
    const WorldSpec& world_;
    Diagnostics& diags_;
    std::map<std::string, std::set<std::string>> mailboxes_;  // "server user" -> names
    std::vector<LinkEnds> sniffed_;
};

// INBOX is case-insensitive (RFC 9051 §5.1); other names are kept as written.
std::string normalize_mailbox(const std::string& name);

// Reads the key naming what an action or check is (`do`, `check`), which
// must be one of `names`; `noun` is "action" or "check".
std::optional<std::string> read_kind(const toml::table& table, std::string_view key,
                                     std::span<const std::string_view> names, std::string_view noun,
                                     Diagnostics& diags);

std::optional<Action> parse_action(const toml::table& table, StepContext& context);
std::optional<Check> parse_check(const toml::table& table, StepContext& context);

}  // namespace maillab::sim::lesson
