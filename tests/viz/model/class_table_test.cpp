// The class table counts each student's sessions, apps, protocols and mail
// from the trace alone.
#include "viz/model/class_table.hpp"

#include <catch2/catch.hpp>

#include "viz/model/gui_model.hpp"

using namespace maillab;
using namespace maillab::viz;

namespace {

constexpr sim::HostId kServer = 0;

void host(sim::Trace& t, sim::HostId id, std::string name, std::string role) {
    t.append({.kind = sim::EventKind::HostAdded,
              .host = id,
              .payload = std::move(name),
              .note = std::move(role)});
}
// A real client from `peer` ("192.168.1.7:50000") opens connection `conn` to `port`.
void connect(sim::Trace& t, sim::HostId client, sim::ConnId conn, std::int64_t port,
             const std::string& peer) {
    host(t, client, "client " + peer, "real-client");
    t.append({.kind = sim::EventKind::TcpSyn,
              .host = client,
              .peer = kServer,
              .conn = conn,
              .aux = port});
    t.append({.kind = sim::EventKind::SessionNote,
              .host = client,
              .peer = kServer,
              .conn = conn,
              .payload = "real client connected from " + peer});
}
void command(sim::Trace& t, sim::ConnId conn, std::string text) {
    t.append({.kind = sim::EventKind::Command,
              .host = kServer,
              .conn = conn,
              .payload = std::move(text)});
}
void disconnect(sim::Trace& t, sim::HostId client) {
    t.append({.kind = sim::EventKind::HostDown, .host = client});
}
void queued(sim::Trace& t, sim::HostId server, std::string sender) {
    t.append({.kind = sim::EventKind::Queued,
              .host = server,
              .payload = "x@maillab.test",
              .note = std::move(sender)});
}
void delivered(sim::Trace& t, sim::HostId server, std::string recipient) {
    t.append({.kind = sim::EventKind::Delivered, .host = server, .payload = std::move(recipient)});
}

sim::Trace class_world() {
    sim::Trace t;
    host(t, kServer, "mail.maillab.test", "server");
    host(t, 1, "mx.elsewhere.test", "server");
    return t;
}

ClassTable table() {
    return ClassTable{{"student01", "student02", "teacher"}, "maillab.test", "mail.maillab.test"};
}

}  // namespace

TEST_CASE("class table: logins name the student, with protocol, app and open sessions") {
    sim::Trace t = class_world();
    ClassTable c = table();
    connect(t, 10, 1, 143, "127.0.0.1:50000");
    command(t, 1, "a1 ID (\"name\" \"Thunderbird\")");
    command(t, 1, "a2 LOGIN student01 ********");
    connect(t, 11, 2, 110, "127.0.0.1:50001");
    command(t, 2, "USER Student02");
    connect(t, 12, 3, 587, "127.0.0.1:50002");
    command(t, 3, "EHLO phone");
    c.index(t);
    CHECK(c.unidentified_open() == 1);  // the SMTP client has not said who it is
    const auto& rows = c.rows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].account == "student01");
    CHECK(rows[0].protocols == std::set<std::string>{"IMAP"});
    CHECK(rows[0].apps == std::set<std::string>{"Thunderbird"});
    CHECK(rows[0].open_sessions == 1);
    CHECK(rows[1].protocols == std::set<std::string>{"POP3"});
    CHECK(rows[2].sessions == 0);

    command(t, 3, "MAIL FROM:<student02@maillab.test>");
    disconnect(t, 10);
    c.index(t);
    CHECK(c.unidentified_open() == 0);
    CHECK(rows[0].open_sessions == 0);
    CHECK(rows[0].sessions == 1);
    CHECK(rows[1].protocols == std::set<std::string>{"POP3", "SMTP"});
    CHECK(rows[1].apps == std::set<std::string>{"phone"});
    CHECK(rows[1].open_sessions == 2);
    CHECK(c.student_of(12) == "student02");
    CHECK_FALSE(c.student_of(99).has_value());
}

TEST_CASE("class table: mail sent and received counts only the class server's mail") {
    sim::Trace t = class_world();
    ClassTable c = table();
    queued(t, kServer, "student01@maillab.test");
    queued(t, kServer, "student01@maillab.test");
    queued(t, kServer, "carol@elsewhere.test");
    queued(t, 1, "student02@maillab.test");      // the remote server's own queue
    queued(t, kServer, "student02@other.test");  // not our domain
    delivered(t, kServer, "student02@maillab.test");
    delivered(t, kServer, "TEACHER@MAILLAB.TEST");
    delivered(t, kServer, "carol@elsewhere.test");
    delivered(t, 1, "student01@maillab.test");
    c.index(t);
    const auto& rows = c.rows();
    CHECK(rows[0].sent == 2);
    CHECK(rows[0].received == 0);
    CHECK(rows[1].sent == 0);
    CHECK(rows[1].received == 1);
    CHECK(rows[2].received == 1);
}

TEST_CASE("class table: a SASL login from a student's remote address is that student's") {
    sim::Trace t = class_world();
    ClassTable c = table();
    // The phone logs in with AUTHENTICATE PLAIN, which names nobody in the trace.
    connect(t, 10, 1, 993, "192.168.1.7:50000");
    command(t, 1, "a1 AUTHENTICATE PLAIN ********");
    connect(t, 11, 2, 993, "127.0.0.1:50001");
    command(t, 2, "a1 AUTHENTICATE PLAIN ********");
    c.index(t);
    CHECK(c.unidentified_open() == 2);
    // Later the same device sends mail, which names the student.
    connect(t, 12, 3, 465, "192.168.1.7:50002");
    command(t, 3, "MAIL FROM:<student02@maillab.test>");
    c.index(t);
    CHECK(c.student_of(10) == "student02");
    CHECK(c.rows()[1].sessions == 2);
    CHECK(c.rows()[1].protocols == std::set<std::string>{"IMAP", "SMTP"});
    // Loopback is shared by every client on the teacher's machine: not a clue.
    CHECK_FALSE(c.student_of(11).has_value());
    CHECK(c.unidentified_open() == 1);
}

TEST_CASE("class table: the window names each known client after its student") {
    sim::Trace t = class_world();
    ClassTable c = table();
    connect(t, 10, 1, 587, "127.0.0.1:50000");
    command(t, 1, "EHLO laptop");
    command(t, 1, "MAIL FROM:<student02@maillab.test>");
    connect(t, 11, 2, 143, "127.0.0.1:50001");
    command(t, 2, "a1 ID (\"name\" \"Thunderbird\")");
    c.index(t);
    CHECK(c.student_names() == std::map<sim::HostId, std::string>{{10, "student02"}});
    GuiModel model{t};
    model.set_class_table(&c);
    model.refresh();
    CHECK(model.display_names().at(10) == "student02");    // not the sender's address
    CHECK(model.display_names().at(11) == "Thunderbird");  // no student known: the app
}

TEST_CASE("class table: the topology labels a student's clients with the account and app") {
    sim::Trace t = class_world();
    ClassTable c = table();
    connect(t, 10, 1, 587, "127.0.0.1:50000");
    command(t, 1, "EHLO [127.0.0.1]");  // an address literal names no app
    command(t, 1, "MAIL FROM:<student02@maillab.test>");
    connect(t, 11, 2, 143, "127.0.0.1:50001");
    command(t, 2, "a1 ID (\"name\" \"Thunderbird\")");
    command(t, 2, "a2 LOGIN student01 ********");
    connect(t, 12, 3, 143, "127.0.0.1:50002");
    command(t, 3, "a1 ID (\"name\" \"K-9 Mail\")");
    command(t, 3, "a2 LOGIN student01 ********");
    c.index(t);
    CHECK(c.rows()[1].apps.empty());  // student02 gave only the address literal
    CHECK(student_labels(c) == std::map<sim::HostId, std::string>{{10, "student02"},
                                                                  {11, "student01 · K-9 Mail +1"},
                                                                  {12, "student01 · K-9 Mail +1"}});
    GuiModel model{t};
    model.set_class_table(&c);
    model.refresh();
    REQUIRE(model.student_labels() != nullptr);
    CHECK(model.student_labels()->at(11) == "student01 · K-9 Mail +1");
}
