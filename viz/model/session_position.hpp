// Where a session is in its protocol, for the inspector's small state
// diagram: the states of SMTP (greeting, ready after EHLO, TLS, logged in,
// MAIL, RCPT, DATA), POP3 (AUTHORIZATION, TRANSACTION, UPDATE) and IMAP (not
// authenticated, authenticated, selected, logout), which one the session is
// in at the playhead (the server's SessionState events), why, and the
// command that moved it there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/trace/trace.hpp"

namespace maillab::viz {

struct StateNode {
    std::string_view traced;  // the state's name in SessionState events; the first node is
                              // also where a session starts, before any event
    std::string_view label;   // what the diagram says
};

struct ProtocolDiagram {
    std::string_view protocol;
    std::vector<StateNode> nodes;  // in the order a session usually goes through them
};

// The diagram of the protocol a server port speaks; nothing for other ports.
const ProtocolDiagram* diagram_for_port(std::uint16_t port);

// The node a traced state is ("SELECTED INBOX" is SELECTED); the start for
// an empty or unknown name.
std::size_t node_of(const ProtocolDiagram& diagram, std::string_view traced);

struct SessionPosition {
    sim::HostId server = sim::kNoHost;  // from the connection's SYN
    std::uint16_t port = 0;             // the server's, which names the protocol
    std::string_view state;             // as traced; empty before the first change
    std::optional<std::size_t> change;  // the SessionState event
    std::optional<std::size_t> cause;   // the command just before it
};

// How far back from the playhead the search looks, in events.
inline constexpr std::size_t kSessionSearchWindow = 4096;

// The session's latest state as its server reported it, among events
// [0, cursor); no server when its SYN is not within the window.
SessionPosition session_position(const sim::Trace& trace, sim::ConnId conn, std::size_t cursor);

}  // namespace maillab::viz
