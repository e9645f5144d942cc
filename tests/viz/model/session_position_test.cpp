// The inspector's state diagram: which state a session is in at the
// playhead, as its server reported it, and the command that moved it there.
#include "viz/model/session_position.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

TEST_CASE("session position: each protocol's states, traced names mapped to nodes") {
    const ProtocolDiagram* imap = diagram_for_port(993);
    REQUIRE(imap != nullptr);
    REQUIRE(imap->protocol == "IMAP");
    REQUIRE(imap->nodes[node_of(*imap, "SELECTED INBOX")].label == "selected");
    REQUIRE(node_of(*imap, "") == 0);
    const ProtocolDiagram* pop3 = diagram_for_port(110);
    REQUIRE(pop3->nodes[node_of(*pop3, "UPDATE")].label == "UPDATE");
    REQUIRE(node_of(*pop3, "AUTHORIZATION") == 0);
    REQUIRE(node_of(*pop3, "") == 0);
    REQUIRE(diagram_for_port(587)->protocol == "SMTP");
    REQUIRE(diagram_for_port(8080) == nullptr);
}

TEST_CASE("session position: the server's latest state and the command that caused it") {
    sim::Trace t;
    t.append({.kind = sim::EventKind::TcpSyn, .host = 1, .peer = 2, .conn = 7, .aux = 143});
    t.append({.kind = sim::EventKind::Command, .conn = 7, .payload = "a1 LOGIN alice ***"});
    t.append(
        {.kind = sim::EventKind::SessionState, .host = 2, .conn = 7, .payload = "AUTHENTICATED"});
    t.append({.kind = sim::EventKind::SessionState,
              .host = 1,
              .conn = 7,
              .payload = "AUTHENTICATED"});  // the client's view: not the one shown
    t.append({.kind = sim::EventKind::Command, .conn = 7, .payload = "a2 SELECT INBOX"});
    t.append(
        {.kind = sim::EventKind::SessionState, .host = 2, .conn = 7, .payload = "SELECTED INBOX"});
    const auto before_login = session_position(t, 7, 2);
    REQUIRE_FALSE(before_login.change);
    REQUIRE(before_login.server == 2);
    REQUIRE(before_login.port == 143);
    const auto logged_in = session_position(t, 7, 5);
    REQUIRE(logged_in.state == "AUTHENTICATED");
    REQUIRE(logged_in.cause == 1u);
    const auto selected = session_position(t, 7, t.size());
    REQUIRE(selected.state == "SELECTED INBOX");
    REQUIRE(selected.change == 5u);
    REQUIRE(selected.cause == 4u);
}
