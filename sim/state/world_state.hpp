// WorldState: what the world looks like after a prefix of the trace — hosts,
// links, connections, every server mailbox and MTA queue, every device's
// local copy. It is only ever computed by folding trace events (event
// sourcing), so the GUI can seek backwards exactly and lesson checkpoints
// judge what really happened, not what an engine believes.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/trace/trace.hpp"

namespace maillab::sim {

struct HostState {
    std::string name;
    std::string role;
    std::uint32_t ipv4 = 0;
    bool up = true;
    std::set<std::uint16_t> listening;
};

struct LinkState {
    HostId a = kNoHost;
    HostId b = kNoHost;
    bool up = true;
    std::int64_t latency_us = 0;
};

struct ConnectionState {
    HostId client = kNoHost;
    HostId server = kNoHost;
    std::uint16_t client_port = 0;
    std::uint16_t server_port = 0;
    bool established = false;
    bool tls = false;
    bool client_fin = false;
    bool server_fin = false;
    PayloadRef protocol_state;
};

// Message text (subject, flags) stays in the trace's arena: a state holds
// only references, so copying a state for a checkpoint is a plain memcpy of
// its vectors however many messages a mailbox holds.
struct StoredMessage {
    std::uint32_t uid = 0;
    PayloadRef subject;
    PayloadRef flags;  // as the store reported them, e.g. "\Seen \Flagged"
};

struct QueueEntry {
    std::int64_t id = 0;
    std::string sender;
    std::vector<std::string> recipients;  // still to be delivered
    int attempts = 0;
    std::string last_reply;
    SimTime next_retry = 0;
};

struct DeviceMessage {
    PayloadRef key;
    PayloadRef subject;
    PayloadRef flags;
};

// Mailboxes are keyed by (server host, "account/mailbox").
using MailboxKey = std::pair<HostId, std::string>;

struct WorldState {
    SimTime t = 0;
    std::size_t applied = 0;  // how many trace events are folded in
    std::map<HostId, HostState> hosts;
    std::vector<LinkState> links;
    std::map<ConnId, ConnectionState> connections;  // open ones; a closed one is forgotten
    std::map<MailboxKey, std::vector<StoredMessage>> mailboxes;  // sorted by uid
    std::map<HostId, std::map<std::int64_t, QueueEntry>> queues;
    std::map<HostId, std::vector<DeviceMessage>> devices;  // in arrival order

    // Folds one more event; events must come in trace order.
    void apply(const Trace& trace, const Event& event);

    // Convenience for checkpoints and views.
    const StoredMessage* find_message(const MailboxKey& key, std::uint32_t uid) const;
    const DeviceMessage* find_device_message(const Trace& trace, HostId device,
                                             std::string_view key) const;
    std::size_t mailbox_size(HostId host, std::string_view mailbox) const;
    std::size_t queue_size(HostId host) const;
    std::size_t device_size(HostId host) const;
    HostId host_named(std::string_view name) const;
};

}  // namespace maillab::sim
