// The class table of `maillab serve --classroom`: for each student account,
// the apps that connected for it, the protocols they used, the messages the
// student sent and received, and the sessions open now. Built from the
// trace alone, so the window, `--class-report` and tests count alike.
//
// A real client's session belongs to a student once it names the account:
// IMAP LOGIN, POP3 USER, or an SMTP MAIL FROM with the student's address.
// A session that logs in with SASL (the password and name hidden in
// base64) belongs to the student whose sessions came from the same remote
// address before; loopback addresses are shared by every client on this
// machine, so they are not used that way.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/client_names.hpp"

namespace maillab::viz {

struct StudentRow {
    std::string account;
    std::set<std::string> apps;       // IMAP ID names and EHLO names
    std::set<std::string> protocols;  // "IMAP", "POP3", "SMTP"
    std::size_t sent = 0;             // messages accepted from the student's address
    std::size_t received = 0;         // deliveries into the student's mailbox
    std::size_t sessions = 0;         // connections that were the student's
    std::size_t open_sessions = 0;    // of those, still connected
};

class ClassTable {
public:
    // accounts in the order of the table; mail for ACCOUNT@domain is theirs;
    // server: the host name real clients talk to.
    ClassTable(std::vector<std::string> accounts, std::string domain, std::string server);

    // Reads the events added since the last call.
    void index(const sim::Trace& trace);

    const std::vector<StudentRow>& rows() const { return rows_; }
    // Real-client connections open now that named no student yet.
    std::size_t unidentified_open() const;
    // The account a real client host's connection belongs to, if known.
    std::optional<std::string> student_of(sim::HostId client) const;
    // Every real client host known to be a student's, with the account.
    const std::map<sim::HostId, std::string>& student_names() const { return student_names_; }

private:
    struct Connection {
        std::string protocol;
        std::string remote_address;  // the real peer's IP; empty for loopback
        bool open = true;
        std::optional<std::size_t> row;
    };

    std::optional<std::size_t> row_of_address(const std::string& address) const;
    void attribute(sim::HostId client, Connection& connection);
    void assign(sim::HostId client, Connection& connection, std::size_t row);

    std::string domain_;
    std::string server_;
    sim::HostId server_host_ = sim::kNoHost;
    std::vector<StudentRow> rows_;
    std::map<std::string, std::size_t> row_of_account_;
    std::map<std::string, std::size_t> row_of_remote_;
    ClientNames names_;
    std::set<sim::HostId> real_clients_;
    std::map<sim::ConnId, sim::HostId> client_of_;
    std::map<sim::HostId, Connection> connections_;
    std::set<sim::HostId> pending_remote_;
    std::map<sim::HostId, std::string> student_names_;  // unattributed, from a remote address
    std::size_t indexed_ = 0;
};

// Each student's client host named for the topology: the account and the app
// they use ("student07 · Thunderbird", "student07 · K-9 Mail +1" with two apps).
std::map<sim::HostId, std::string> student_labels(const ClassTable& table);

}  // namespace maillab::viz
