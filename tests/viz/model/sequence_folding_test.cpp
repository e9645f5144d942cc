// The sequence chart folds each session's routine start (connect, TLS,
// capabilities, login) into one row, up to the first command doing real
// work, and opens it again on request.
#include "viz/model/sequence_folding.hpp"

#include <catch2/catch.hpp>

using namespace maillab;
using namespace maillab::viz;

namespace {

void command(sim::Trace& t, sim::ConnId conn, std::string text) {
    t.append({.kind = sim::EventKind::Command,
              .dir = sim::Direction::ClientToServer,
              .conn = conn,
              .payload = std::move(text)});
}
void reply(sim::Trace& t, sim::ConnId conn, std::string text) {
    t.append({.kind = sim::EventKind::Reply,
              .dir = sim::Direction::ServerToClient,
              .conn = conn,
              .payload = std::move(text)});
}

// An IMAP session: connect, greeting, CAPABILITY, LOGIN, LIST, then SELECT and FETCH.
sim::Trace imap_session() {
    sim::Trace t;
    t.append({.kind = sim::EventKind::TcpSyn, .host = 0, .peer = 1, .conn = 1, .aux = 143});
    reply(t, 1, "* OK ready");
    command(t, 1, "A1 CAPABILITY");
    reply(t, 1, "A1 OK");
    t.append({.kind = sim::EventKind::TlsEstablished, .conn = 1});
    command(t, 1, "A2 LOGIN alice ***");
    reply(t, 1, "A2 OK");
    command(t, 1, "A3 LIST \"\" \"*\"");
    reply(t, 1, "A3 OK");
    command(t, 1, "A4 SELECT INBOX");  // index 9: the real work
    reply(t, 1, "A4 OK");
    command(t, 1, "A5 LIST \"\" \"*\"");  // routine verb, but after the work: shown
    return t;
}

SequenceFolding fold_all(const sim::Trace& t) {
    SequenceFolding f;
    for (std::size_t i = 0; i < t.size(); ++i)
        f.add(t, i);
    return f;
}

}  // namespace

TEST_CASE("sequence folding: a session's start is one row until the real work") {
    const sim::Trace t = imap_session();
    SequenceFolding f = fold_all(t);
    const auto& rows = f.rows();
    REQUIRE(rows.size() == 4);  // the fold, SELECT, its reply, the later LIST
    REQUIRE(rows[0].fold_header);
    REQUIRE(rows[1].event == 9);
    REQUIRE(f.fold_size(rows[0].fold, t.size()) == 9);
    REQUIRE(f.summary(t, rows[0].fold, t.size()) == "connect · capabilities · TLS · login · LIST");
    REQUIRE(f.shown_before(9) == 1);
    REQUIRE(f.fold_size(rows[0].fold, 3) == 3);  // as far as the playhead
}

TEST_CASE("sequence folding: an open fold shows its rows in order, and closes again") {
    const sim::Trace t = imap_session();
    SequenceFolding f = fold_all(t);
    f.toggle(0);
    REQUIRE(f.open(0));
    const auto& rows = f.rows();
    REQUIRE(rows.size() == 12);
    for (std::size_t k = 0; k < rows.size(); ++k)
        REQUIRE(rows[k].event == k);
    f.toggle(0);
    REQUIRE(f.rows().size() == 4);
}

TEST_CASE("sequence folding: a fold names its phases, USER and PASS as one login") {
    sim::Trace t;
    t.append({.kind = sim::EventKind::TcpSyn, .host = 0, .peer = 1, .conn = 2, .aux = 110});
    reply(t, 2, "+OK POP3 ready");
    command(t, 2, "CAPA");
    reply(t, 2, "+OK");
    command(t, 2, "STLS");
    reply(t, 2, "+OK Begin TLS negotiation");
    t.append({.kind = sim::EventKind::TlsEstablished, .conn = 2});
    command(t, 2, "USER alice");
    reply(t, 2, "+OK");
    command(t, 2, "PASS wonderland");
    reply(t, 2, "+OK Logged in");
    command(t, 2, "STAT");
    SequenceFolding f = fold_all(t);
    REQUIRE(f.rows().front().fold_header);
    REQUIRE(f.summary(t, f.rows().front().fold, t.size()) ==
            "connect · capabilities · TLS · login");
}

TEST_CASE("sequence folding: a SYN sent again joins its connection's fold as one connect") {
    sim::Trace t;
    for (int k = 0; k < 4; ++k)  // nobody answers: the client tries again
        t.append({.kind = sim::EventKind::TcpSyn, .host = 0, .peer = 1, .conn = 3, .aux = 25});
    t.append({.kind = sim::EventKind::TcpConnectFailed, .host = 0, .peer = 1, .conn = 3});
    t.append({.kind = sim::EventKind::TcpSyn, .host = 0, .peer = 1, .conn = 4, .aux = 25});
    SequenceFolding f = fold_all(t);
    const auto& rows = f.rows();
    REQUIRE(rows.size() == 3);  // the four tries, the failure, the next connection
    REQUIRE(rows[0].fold_header);
    REQUIRE(f.fold_size(rows[0].fold, t.size()) == 4);
    REQUIRE(f.summary(t, rows[0].fold, t.size()) == "connect, 4 tries");
    REQUIRE_FALSE(rows[1].fold_header);
    REQUIRE(rows[2].fold_header);
    REQUIRE(f.summary(t, rows[2].fold, t.size()) == "connect");
}
