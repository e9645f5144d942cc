#include "sim/state/world_state.hpp"

#include <algorithm>

namespace maillab::sim {

namespace {

std::vector<std::string> split_commas(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const std::size_t comma = text.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
        if (end > start) out.emplace_back(text.substr(start, end - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

LinkState* find_link(std::vector<LinkState>& links, HostId a, HostId b) {
    for (auto& link : links) {
        if ((link.a == a && link.b == b) || (link.a == b && link.b == a)) return &link;
    }
    return nullptr;
}

// Mailboxes are sorted by uid, so lookups are binary searches.
template <typename Box>
auto find_uid(Box& box, std::int64_t uid) {
    const auto it =
        std::lower_bound(box.begin(), box.end(), uid, [](const StoredMessage& m, std::int64_t u) {
            return static_cast<std::int64_t>(m.uid) < u;
        });
    return it != box.end() && static_cast<std::int64_t>(it->uid) == uid ? it : box.end();
}

void apply_tcp(WorldState& w, const Event& e) {
    switch (e.kind) {
        case EventKind::TcpSyn: {
            auto& c = w.connections[e.conn];
            c.client = e.host;
            c.server = e.peer;
            c.client_port = static_cast<std::uint16_t>(e.value);
            c.server_port = static_cast<std::uint16_t>(e.aux);
            break;
        }
        case EventKind::TcpAck:
            if (auto it = w.connections.find(e.conn); it != w.connections.end()) {
                it->second.established = true;
            }
            break;
        case EventKind::TcpFin:
            if (auto it = w.connections.find(e.conn); it != w.connections.end()) {
                (e.dir == Direction::ServerToClient ? it->second.server_fin
                                                    : it->second.client_fin) = true;
                if (it->second.client_fin && it->second.server_fin) w.connections.erase(it);
            }
            break;
        case EventKind::TcpRst:
        case EventKind::TcpConnectFailed:
        case EventKind::TcpTimedOut:
            w.connections.erase(e.conn);
            break;
        default:
            break;
    }
}

void apply_queue(WorldState& w, const Trace& trace, const Event& e) {
    auto& queue = w.queues[e.host];
    switch (e.kind) {
        case EventKind::Queued: {
            QueueEntry entry;
            entry.id = e.value;
            entry.sender = std::string{trace.note(e)};
            entry.recipients = split_commas(trace.payload(e));
            queue[e.value] = std::move(entry);
            break;
        }
        case EventKind::DeliveryAttempt:
            if (auto it = queue.find(e.value); it != queue.end()) ++it->second.attempts;
            break;
        case EventKind::Deferred:
            if (auto it = queue.find(e.value); it != queue.end()) {
                it->second.last_reply = std::string{trace.note(e)};
                it->second.next_retry = e.aux;
            }
            break;
        case EventKind::QueueLost:
            queue.erase(e.value);
            break;
        case EventKind::Delivered:
        case EventKind::Bounced:
            if (auto it = queue.find(e.value); it != queue.end()) {
                auto& rcpts = it->second.recipients;
                const std::string_view done = trace.payload(e);
                rcpts.erase(std::remove(rcpts.begin(), rcpts.end(), done), rcpts.end());
                it->second.last_reply = std::string{trace.note(e)};
                if (rcpts.empty()) queue.erase(it);
            }
            break;
        default:
            break;
    }
}

void apply_store(WorldState& w, const Trace& trace, const Event& e) {
    const MailboxKey key{e.host, std::string{trace.payload(e)}};
    switch (e.kind) {
        case EventKind::MailboxCreated:
            w.mailboxes[key];
            break;
        case EventKind::MailboxDeleted:
            w.mailboxes.erase(key);
            break;
        case EventKind::MessageAppended: {
            auto& box = w.mailboxes[key];
            const StoredMessage m{static_cast<std::uint32_t>(e.value), e.note, {}};
            // UIDs only grow, so this is almost always an append at the end.
            const auto pos = std::lower_bound(
                box.begin(), box.end(), m.uid,
                [](const StoredMessage& a, std::uint32_t uid) { return a.uid < uid; });
            if (pos != box.end() && pos->uid == m.uid) break;
            box.insert(pos, m);
            break;
        }
        case EventKind::FlagsChanged: {
            auto& box = w.mailboxes[key];
            if (auto it = find_uid(box, e.value); it != box.end()) it->flags = e.note;
            break;
        }
        case EventKind::MessageExpunged: {
            auto& box = w.mailboxes[key];
            if (auto it = find_uid(box, e.value); it != box.end()) box.erase(it);
            break;
        }
        default:
            break;
    }
}

void apply_device(WorldState& w, const Trace& trace, const Event& e) {
    auto& copy = w.devices[e.host];
    const std::string_view key = trace.payload(e);
    auto it = std::find_if(copy.begin(), copy.end(),
                           [&](const DeviceMessage& m) { return trace.text(m.key) == key; });
    switch (e.kind) {
        case EventKind::DeviceCopyAdded:
            if (it == copy.end()) copy.push_back({e.payload, e.note, {}});
            break;
        case EventKind::DeviceCopyRemoved:
            if (it != copy.end()) copy.erase(it);
            break;
        case EventKind::DeviceCopyFlags:
            if (it != copy.end()) it->flags = e.note;
            break;
        default:
            break;
    }
}

}  // namespace

void WorldState::apply(const Trace& trace, const Event& e) {
    t = e.t;
    ++applied;
    switch (e.kind) {
        case EventKind::HostAdded: {
            auto& h = hosts[e.host];
            h.name = std::string{trace.payload(e)};
            h.role = std::string{trace.note(e)};
            h.ipv4 = static_cast<std::uint32_t>(e.value);
            h.up = true;
            break;
        }
        case EventKind::HostUp:
            hosts[e.host].up = true;
            break;
        case EventKind::HostDown:
            hosts[e.host].up = false;
            break;
        case EventKind::LinkAdded:
            links.push_back({e.host, e.peer, true, e.value});
            break;
        case EventKind::LinkUp:
        case EventKind::LinkDown:
            if (auto* link = find_link(links, e.host, e.peer)) {
                link->up = e.kind == EventKind::LinkUp;
            }
            break;
        case EventKind::ServiceListening:
            hosts[e.host].listening.insert(static_cast<std::uint16_t>(e.value));
            break;
        case EventKind::TcpSyn:
        case EventKind::TcpAck:
        case EventKind::TcpRst:
        case EventKind::TcpConnectFailed:
        case EventKind::TcpTimedOut:
        case EventKind::TcpFin:
            apply_tcp(*this, e);
            break;
        case EventKind::TlsEstablished:
            if (auto it = connections.find(e.conn); it != connections.end()) it->second.tls = true;
            break;
        case EventKind::SessionState:
            if (auto it = connections.find(e.conn); it != connections.end()) {
                it->second.protocol_state = e.payload;
            }
            break;
        case EventKind::MailboxCreated:
        case EventKind::MailboxDeleted:
        case EventKind::MessageAppended:
        case EventKind::FlagsChanged:
        case EventKind::MessageExpunged:
            apply_store(*this, trace, e);
            break;
        case EventKind::Queued:
        case EventKind::DeliveryAttempt:
        case EventKind::Deferred:
        case EventKind::Delivered:
        case EventKind::Bounced:
        case EventKind::QueueLost:
            apply_queue(*this, trace, e);
            break;
        case EventKind::DeviceCopyAdded:
        case EventKind::DeviceCopyRemoved:
        case EventKind::DeviceCopyFlags:
            apply_device(*this, trace, e);
            break;
        default:
            break;
    }
}

const StoredMessage* WorldState::find_message(const MailboxKey& key, std::uint32_t uid) const {
    const auto box = mailboxes.find(key);
    if (box == mailboxes.end()) return nullptr;
    const auto it = find_uid(box->second, uid);
    return it == box->second.end() ? nullptr : &*it;
}

const DeviceMessage* WorldState::find_device_message(const Trace& trace, HostId device,
                                                     std::string_view key) const {
    const auto copy = devices.find(device);
    if (copy == devices.end()) return nullptr;
    for (const auto& m : copy->second) {
        if (trace.text(m.key) == key) return &m;
    }
    return nullptr;
}

std::size_t WorldState::mailbox_size(HostId host, std::string_view mailbox) const {
    const auto it = mailboxes.find(MailboxKey{host, std::string{mailbox}});
    return it == mailboxes.end() ? 0 : it->second.size();
}

std::size_t WorldState::queue_size(HostId host) const {
    const auto it = queues.find(host);
    return it == queues.end() ? 0 : it->second.size();
}

std::size_t WorldState::device_size(HostId host) const {
    const auto it = devices.find(host);
    return it == devices.end() ? 0 : it->second.size();
}

HostId WorldState::host_named(std::string_view name) const {
    for (const auto& [id, host] : hosts) {
        if (host.name == name) return id;
    }
    return kNoHost;
}

}  // namespace maillab::sim
