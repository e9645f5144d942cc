#include "viz/model/protocol.hpp"

#include "sim/trace/mail_ports.hpp"

namespace maillab::viz {

ProtocolColor protocol_for_port(std::uint16_t port) {
    if (port == 53) return ProtocolColor::Dns;
    const auto protocol = sim::mail_protocol_on_port(port);
    if (!protocol) return ProtocolColor::Tcp;
    switch (*protocol) {
        case sim::MailProtocol::Smtp:
            return ProtocolColor::Smtp;
        case sim::MailProtocol::Pop3:
            return ProtocolColor::Pop3;
        case sim::MailProtocol::Imap:
            return ProtocolColor::Imap;
    }
    return ProtocolColor::Tcp;
}

}  // namespace maillab::viz
