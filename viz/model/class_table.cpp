#include "viz/model/class_table.hpp"

#include <algorithm>
#include <cctype>

#include "sim/trace/mail_ports.hpp"

namespace maillab::viz {

namespace {

constexpr std::string_view kRealClientRole = "real-client";
constexpr std::string_view kConnectedFrom = "real client connected from ";

std::string lowercase(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The protocol a connection speaks, from the server port it opened.
std::string protocol_of_port(std::int64_t port) {
    const auto protocol = sim::mail_protocol_on_port(port);
    return protocol ? std::string{sim::mail_protocol_name(*protocol)}
                    : "port " + std::to_string(port);
}

// "192.168.1.7" from "192.168.1.7:50312" (the last colon splits off the
// port, so IPv6 addresses stay whole); empty for loopback peers, which every
// client on this machine shares.
std::string remote_address(std::string_view endpoint) {
    endpoint = endpoint.substr(0, endpoint.rfind(':'));
    if (endpoint.substr(0, 4) == "127." || endpoint == "::1") return {};
    return std::string{endpoint};
}

}  // namespace

ClassTable::ClassTable(std::vector<std::string> accounts, std::string domain, std::string server)
    : domain_(lowercase(domain)), server_(std::move(server)) {
    for (auto& account : accounts) {
        row_of_account_[lowercase(account)] = rows_.size();
        rows_.push_back({.account = std::move(account)});
    }
}

std::optional<std::size_t> ClassTable::row_of_address(const std::string& address) const {
    const std::string lower = lowercase(address);
    const auto at = lower.rfind('@');
    const std::string local = at == std::string::npos ? lower : lower.substr(0, at);
    if (at != std::string::npos && lower.substr(at + 1) != domain_) return std::nullopt;
    const auto it = row_of_account_.find(local);
    if (it == row_of_account_.end()) return std::nullopt;
    return it->second;
}

void ClassTable::assign(sim::HostId client, Connection& connection, std::size_t row) {
    connection.row = row;
    pending_remote_.erase(client);
    student_names_[client] = rows_[row].account;
    StudentRow& student = rows_[row];
    ++student.sessions;
    if (connection.open) ++student.open_sessions;
    student.protocols.insert(connection.protocol);
    if (!connection.remote_address.empty()) row_of_remote_[connection.remote_address] = row;
}

void ClassTable::attribute(sim::HostId client, Connection& connection) {
    const ClientNames::Said* said = names_.said(client);
    if (said != nullptr && connection.row) {
        if (!said->id.empty()) rows_[*connection.row].apps.insert(said->id);
        // An EHLO that only gives an address ("[10.0.0.7]") names no app.
        if (!said->ehlo.empty() && said->ehlo.front() != '[')
            rows_[*connection.row].apps.insert(said->ehlo);
    }
    if (connection.row) return;
    std::optional<std::size_t> row;
    if (said != nullptr && !said->login.empty()) row = row_of_address(said->login);
    if (!row && said != nullptr && !said->sender.empty()) row = row_of_address(said->sender);
    if (!row && !connection.remote_address.empty()) {
        const auto it = row_of_remote_.find(connection.remote_address);
        if (it != row_of_remote_.end()) row = it->second;
    }
    if (!row) return;
    assign(client, connection, *row);
    attribute(client, connection);  // now the apps too
}

void ClassTable::index(const sim::Trace& trace) {
    names_.index(trace);
    std::set<sim::HostId> spoke;
    for (; indexed_ < trace.size(); ++indexed_) {
        const sim::Event& e = trace[indexed_];
        switch (e.kind) {
            case sim::EventKind::HostAdded:
                if (trace.note(e) == kRealClientRole) real_clients_.insert(e.host);
                if (trace.payload(e) == server_) server_host_ = e.host;
                break;
            case sim::EventKind::TcpSyn:
                if (real_clients_.count(e.host) != 0) {
                    client_of_[e.conn] = e.host;
                    connections_[e.host] = {.protocol = protocol_of_port(e.aux)};
                }
                break;
            case sim::EventKind::SessionNote: {
                const std::string_view note = trace.payload(e);
                const auto it = connections_.find(e.host);
                if (it == connections_.end() || note.rfind(kConnectedFrom, 0) != 0) break;
                it->second.remote_address = remote_address(note.substr(kConnectedFrom.size()));
                if (!it->second.remote_address.empty()) pending_remote_.insert(e.host);
                break;
            }
            case sim::EventKind::Command:
                if (const auto it = client_of_.find(e.conn); it != client_of_.end())
                    spoke.insert(it->second);
                break;
            case sim::EventKind::HostDown:
                if (const auto it = connections_.find(e.host);
                    it != connections_.end() && it->second.open) {
                    it->second.open = false;
                    if (it->second.row) --rows_[*it->second.row].open_sessions;
                }
                break;
            case sim::EventKind::Queued:
                if (e.host == server_host_) {
                    if (const auto row = row_of_address(std::string{trace.note(e)}))
                        ++rows_[*row].sent;
                }
                break;
            case sim::EventKind::Delivered:
                if (e.host == server_host_) {
                    if (const auto row = row_of_address(std::string{trace.payload(e)}))
                        ++rows_[*row].received;
                }
                break;
            default:
                break;
        }
    }
    for (const sim::HostId client : spoke)
        attribute(client, connections_.at(client));
    // A SASL login names nobody; its address may have been named since.
    for (const sim::HostId client : std::set<sim::HostId>{pending_remote_})
        attribute(client, connections_.at(client));
}

std::size_t ClassTable::unidentified_open() const {
    return static_cast<std::size_t>(
        std::count_if(connections_.begin(), connections_.end(),
                      [](const auto& c) { return c.second.open && !c.second.row; }));
}

std::optional<std::string> ClassTable::student_of(sim::HostId client) const {
    const auto it = connections_.find(client);
    if (it == connections_.end() || !it->second.row) return std::nullopt;
    return rows_[*it->second.row].account;
}

std::map<sim::HostId, std::string> student_labels(const ClassTable& table) {
    std::map<std::string, std::string> label_of;
    for (const StudentRow& row : table.rows()) {
        const std::vector<std::string> apps{row.apps.begin(), row.apps.end()};
        std::string label = row.account;
        if (!apps.empty()) label += " · " + apps.front();
        if (apps.size() > 1) label += " +" + std::to_string(apps.size() - 1);
        label_of[row.account] = label;
    }
    std::map<sim::HostId, std::string> out;
    for (const auto& [host, account] : table.student_names()) {
        const auto it = label_of.find(account);
        out[host] = it != label_of.end() ? it->second : account;
    }
    return out;
}

}  // namespace maillab::viz
