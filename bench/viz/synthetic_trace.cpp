#include "bench/viz/synthetic_trace.hpp"

#include <string>

namespace maillab::bench {

void fill_synthetic_trace(sim::Trace& trace, std::size_t events) {
    using sim::EventKind;
    trace.append({.t = 0,
                  .kind = EventKind::HostAdded,
                  .host = 0,
                  .value = 0x0A000002,
                  .payload = "laptop",
                  .note = "device"});
    trace.append({.t = 0,
                  .kind = EventKind::HostAdded,
                  .host = 1,
                  .value = 0x0A000001,
                  .payload = "mail.maillab.test",
                  .note = "server"});
    trace.append({.t = 0,
                  .kind = EventKind::HostAdded,
                  .host = 2,
                  .value = 0x0A0000FE,
                  .payload = "internet",
                  .note = "router"});
    trace.append({.t = 0, .kind = EventKind::LinkAdded, .host = 0, .peer = 2, .value = 5000});
    trace.append({.t = 0, .kind = EventKind::LinkAdded, .host = 2, .peer = 1, .value = 5000});
    trace.append(
        {.t = 0, .kind = EventKind::ServiceListening, .host = 1, .value = 587, .payload = "smtp"});
    sim::SimTime t = 0;
    sim::ConnId conn = 0;
    std::uint32_t uid = 0;
    for (std::size_t step = 0; trace.size() < events; ++step) {
        t += 1000;
        const auto phase = step % 8;
        if (phase == 0) {
            ++conn;
            trace.append({.t = t,
                          .kind = EventKind::TcpSyn,
                          .host = 0,
                          .peer = 1,
                          .conn = conn,
                          .value = 40000 + conn % 20000,
                          .aux = 587});
        } else if (phase == 7) {
            trace.append({.t = t,
                          .kind = EventKind::TcpFin,
                          .dir = sim::Direction::ClientToServer,
                          .conn = conn});
            trace.append({.t = t,
                          .kind = EventKind::TcpFin,
                          .dir = sim::Direction::ServerToClient,
                          .conn = conn});
        } else if (phase == 6) {
            trace.append({.t = t,
                          .kind = EventKind::MessageAppended,
                          .host = 1,
                          .value = ++uid,
                          .payload = "bob/INBOX",
                          .note = "Message " + std::to_string(uid)});
        } else if (phase % 2 == 1) {
            trace.append({.t = t,
                          .kind = EventKind::Command,
                          .dir = sim::Direction::ClientToServer,
                          .host = 1,
                          .conn = conn,
                          .payload = "MAIL FROM:<alice@maillab.test>\r\n",
                          .note = "The sender of the message.",
                          .ref = "RFC 5321 §4.1.1.2"});
        } else {
            trace.append({.t = t,
                          .kind = EventKind::Reply,
                          .dir = sim::Direction::ServerToClient,
                          .host = 1,
                          .peer = 0,
                          .conn = conn,
                          .payload = "250 2.1.0 Ok\r\n",
                          .note = "Accepted.",
                          .ref = "RFC 5321 §4.2"});
        }
    }
}

}  // namespace maillab::bench
