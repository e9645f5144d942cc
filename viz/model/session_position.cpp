#include "viz/model/session_position.hpp"

#include <algorithm>

#include "sim/trace/mail_ports.hpp"

namespace maillab::viz {

namespace {

const ProtocolDiagram kSmtp{"SMTP",
                            {{"", "greeting"},
                             {"READY", "ready (EHLO)"},
                             {"TLS", "TLS"},
                             {"AUTHENTICATED", "logged in"},
                             {"MAIL", "MAIL"},
                             {"RCPT", "RCPT"},
                             {"DATA", "DATA"},
                             {"closed", "closed"}}};
const ProtocolDiagram kPop3{"POP3",
                            {{"AUTHORIZATION", "AUTHORIZATION"},
                             {"TRANSACTION", "TRANSACTION"},
                             {"UPDATE", "UPDATE"},
                             {"closed", "closed"}}};
const ProtocolDiagram kImap{"IMAP",
                            {{"", "not authenticated"},
                             {"AUTHENTICATED", "authenticated"},
                             {"SELECTED", "selected"},
                             {"LOGOUT", "logout"},
                             {"closed", "closed"}}};

}  // namespace

const ProtocolDiagram* diagram_for_port(std::uint16_t port) {
    const auto protocol = sim::mail_protocol_on_port(port);
    if (!protocol) return nullptr;
    switch (*protocol) {
        case sim::MailProtocol::Smtp:
            return &kSmtp;
        case sim::MailProtocol::Pop3:
            return &kPop3;
        case sim::MailProtocol::Imap:
            return &kImap;
    }
    return nullptr;
}

std::size_t node_of(const ProtocolDiagram& diagram, std::string_view traced) {
    const std::string_view name = traced.substr(0, traced.find(' '));
    for (std::size_t i = 0; i < diagram.nodes.size(); ++i) {
        if (diagram.nodes[i].traced == name) return i;
    }
    return 0;
}

SessionPosition session_position(const sim::Trace& trace, sim::ConnId conn, std::size_t cursor) {
    SessionPosition at;
    cursor = std::min(cursor, trace.size());
    const std::size_t stop = cursor > kSessionSearchWindow ? cursor - kSessionSearchWindow : 0;
    std::size_t syn = cursor;
    for (std::size_t i = cursor; i-- > stop;) {
        const sim::Event& e = trace[i];
        if (e.conn == conn && e.kind == sim::EventKind::TcpSyn) {
            syn = i;
            at.server = e.peer;
            at.port = static_cast<std::uint16_t>(e.aux);
            break;
        }
    }
    if (at.server == sim::kNoHost) return at;
    for (std::size_t i = cursor; i-- > syn;) {
        const sim::Event& e = trace[i];
        if (e.conn != conn) continue;
        if (!at.change && e.kind == sim::EventKind::SessionState && e.host == at.server) {
            at.change = i;
            at.state = trace.payload(e);
        } else if (at.change && e.kind == sim::EventKind::Command) {
            at.cause = i;
            break;
        }
    }
    return at;
}

}  // namespace maillab::viz
