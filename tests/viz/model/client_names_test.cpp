// Real clients are named after what they tell the server: the login name,
// else the IMAP ID name, else the EHLO name.
#include "viz/model/client_names.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

namespace {

void host(sim::Trace& t, sim::HostId id, std::string name, std::string role) {
    t.append({.kind = sim::EventKind::HostAdded,
              .host = id,
              .payload = std::move(name),
              .note = std::move(role)});
}
void connect(sim::Trace& t, sim::HostId from, sim::ConnId conn) {
    t.append({.kind = sim::EventKind::TcpSyn, .host = from, .peer = 0, .conn = conn});
}
void command(sim::Trace& t, sim::ConnId conn, std::string text) {
    t.append({.kind = sim::EventKind::Command, .conn = conn, .payload = std::move(text)});
}

}  // namespace

TEST_CASE("client names: login beats the sender, IMAP ID and EHLO, simulated devices keep theirs") {
    sim::Trace t;
    host(t, 0, "mail.maillab.test", "server");
    host(t, 1, "client 127.0.0.1:50000", "real-client");
    host(t, 2, "client 127.0.0.1:50001", "real-client");
    host(t, 3, "laptop", "device");
    connect(t, 1, 1);
    command(t, 1, "EHLO kitchen-pc");
    connect(t, 2, 2);
    command(t, 2, "a1 ID (\"name\" \"Thunderbird\" \"version\" \"115\")");
    connect(t, 3, 3);
    command(t, 3, "EHLO laptop");
    ClientNames names;
    names.index(t);
    REQUIRE(names.names().at(1) == "kitchen-pc");
    REQUIRE(names.names().at(2) == "Thunderbird");
    REQUIRE(names.names().count(3) == 0);
    command(t, 2, "a2 LOGIN \"alice\" ***");
    names.index(t);  // only the new events are read
    REQUIRE(names.names().at(2) == "alice");
    command(t, 1, "MAIL FROM:<carol@maillab.test> SIZE=20");
    names.index(t);
    REQUIRE(names.names().at(1) == "carol@maillab.test");  // the sender beats EHLO
    connect(t, 1, 4);
    command(t, 4, "USER bob");
    names.index(t);
    REQUIRE(names.names().at(1) == "bob");
}
