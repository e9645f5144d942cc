#include "sim/state/world_state.hpp"

#include <catch2/catch.hpp>

using namespace maillab::sim;

namespace {

WorldState fold(const Trace& trace) {
    WorldState w;
    for (const Event& e : trace.events())
        w.apply(trace, e);
    return w;
}

}  // namespace

TEST_CASE("hosts, links and listeners are folded from the trace") {
    Trace t;
    t.append({.t = 0,
              .kind = EventKind::HostAdded,
              .host = 0,
              .value = 0x0A000001,
              .payload = "laptop",
              .note = "device"});
    t.append({.t = 0,
              .kind = EventKind::HostAdded,
              .host = 1,
              .value = 0x0A000002,
              .payload = "mail.maillab.test",
              .note = "server"});
    t.append({.t = 0, .kind = EventKind::LinkAdded, .host = 0, .peer = 1, .value = 5000});
    t.append(
        {.t = 0, .kind = EventKind::ServiceListening, .host = 1, .value = 25, .payload = "smtp"});
    t.append({.t = 10, .kind = EventKind::LinkDown, .host = 1, .peer = 0});
    t.append({.t = 20, .kind = EventKind::HostDown, .host = 1});
    const WorldState w = fold(t);
    REQUIRE(w.hosts.size() == 2);
    REQUIRE(w.host_named("mail.maillab.test") == 1);
    REQUIRE(w.host_named("nobody") == kNoHost);
    REQUIRE(w.hosts.at(0).ipv4 == 0x0A000001);
    REQUIRE_FALSE(w.hosts.at(1).up);
    REQUIRE(w.hosts.at(1).listening.count(25) == 1);
    REQUIRE(w.links.size() == 1);
    REQUIRE_FALSE(w.links[0].up);
    REQUIRE(w.links[0].latency_us == 5000);
    REQUIRE(w.t == 20);
    REQUIRE(w.applied == 6);
}

TEST_CASE("mailboxes follow appends, flag changes and expunges") {
    Trace t;
    t.append({.t = 0,
              .kind = EventKind::MessageAppended,
              .host = 1,
              .value = 2,
              .payload = "alice/INBOX",
              .note = "Second"});
    t.append({.t = 1,
              .kind = EventKind::MessageAppended,
              .host = 1,
              .value = 1,
              .payload = "alice/INBOX",
              .note = "First"});
    t.append({.t = 2,
              .kind = EventKind::FlagsChanged,
              .host = 1,
              .value = 2,
              .payload = "alice/INBOX",
              .note = "\\Seen"});
    WorldState w = fold(t);
    const auto& box = w.mailboxes.at({1, "alice/INBOX"});
    REQUIRE(box.size() == 2);
    REQUIRE(box[0].uid == 1);
    REQUIRE(t.text(box[0].subject) == "First");
    REQUIRE(t.text(box[1].flags) == "\\Seen");
    t.append({.t = 3,
              .kind = EventKind::MessageExpunged,
              .host = 1,
              .value = 1,
              .payload = "alice/INBOX"});
    w.apply(t, t[3]);
    REQUIRE(w.mailbox_size(1, "alice/INBOX") == 1);
    REQUIRE(w.mailbox_size(1, "bob/INBOX") == 0);
}

TEST_CASE("a queue entry lives until every recipient is delivered or bounced") {
    Trace t;
    t.append({.t = 0,
              .kind = EventKind::Queued,
              .host = 1,
              .value = 7,
              .payload = "a@x.test,b@y.test",
              .note = "s@maillab.test"});
    t.append({.t = 1, .kind = EventKind::DeliveryAttempt, .host = 1, .value = 7});
    t.append({.t = 2,
              .kind = EventKind::Deferred,
              .host = 1,
              .value = 7,
              .aux = 60000000,
              .payload = "a@x.test",
              .note = "421 4.4.2 try later"});
    WorldState w = fold(t);
    REQUIRE(w.queue_size(1) == 1);
    const QueueEntry& entry = w.queues.at(1).at(7);
    REQUIRE(entry.attempts == 1);
    REQUIRE(entry.next_retry == 60000000);
    REQUIRE(entry.last_reply == "421 4.4.2 try later");
    REQUIRE(entry.recipients == std::vector<std::string>{"a@x.test", "b@y.test"});

    t.append({.t = 3, .kind = EventKind::Delivered, .host = 1, .value = 7, .payload = "a@x.test"});
    t.append({.t = 4,
              .kind = EventKind::Bounced,
              .host = 1,
              .value = 7,
              .payload = "b@y.test",
              .note = "550 5.1.1 no such user"});
    w = fold(t);
    REQUIRE(w.queue_size(1) == 0);
}

TEST_CASE("a device's local copy grows, changes flags and shrinks") {
    Trace t;
    t.append(
        {.t = 0, .kind = EventKind::DeviceCopyAdded, .host = 3, .payload = "m1", .note = "Hello"});
    t.append(
        {.t = 0, .kind = EventKind::DeviceCopyAdded, .host = 3, .payload = "m1", .note = "Hello"});
    t.append(
        {.t = 1, .kind = EventKind::DeviceCopyFlags, .host = 3, .payload = "m1", .note = "\\Seen"});
    WorldState w = fold(t);
    REQUIRE(w.device_size(3) == 1);
    REQUIRE(t.text(w.devices.at(3)[0].flags) == "\\Seen");
    REQUIRE(w.find_device_message(t, 3, "m1") != nullptr);
    REQUIRE(w.find_message({1, "nobody/INBOX"}, 1) == nullptr);
    t.append({.t = 2, .kind = EventKind::DeviceCopyRemoved, .host = 3, .payload = "m1"});
    w = fold(t);
    REQUIRE(w.device_size(3) == 0);
}

TEST_CASE("connections open with SYN and close with FIN or RST") {
    Trace t;
    t.append({.t = 0,
              .kind = EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 4,
              .value = 40000,
              .aux = 587});
    t.append({.t = 1, .kind = EventKind::TcpAck, .conn = 4});
    t.append({.t = 2, .kind = EventKind::SessionState, .conn = 4, .payload = "MAIL"});
    WorldState w = fold(t);
    const auto& c = w.connections.at(4);
    REQUIRE(c.established);
    REQUIRE(c.client_port == 40000);
    REQUIRE(c.server_port == 587);
    REQUIRE(t.text(c.protocol_state) == "MAIL");
    t.append({.t = 3, .kind = EventKind::TcpRst, .conn = 4});
    REQUIRE(fold(t).connections.count(4) == 0);
}

TEST_CASE("a connection is forgotten once both sides have sent FIN") {
    Trace t;
    t.append({.t = 0,
              .kind = EventKind::TcpSyn,
              .host = 0,
              .peer = 1,
              .conn = 4,
              .value = 1,
              .aux = 110});
    t.append({.t = 1, .kind = EventKind::TcpFin, .dir = Direction::ClientToServer, .conn = 4});
    REQUIRE(fold(t).connections.count(4) == 1);
    t.append({.t = 2, .kind = EventKind::TcpFin, .dir = Direction::ServerToClient, .conn = 4});
    REQUIRE(fold(t).connections.count(4) == 0);
}
