#include "sim/trace/mail_ports.hpp"

namespace maillab::sim {

std::optional<MailProtocol> mail_protocol_on_port(std::int64_t port) {
    switch (port) {
        case 25:
        case 465:
        case 587:
            return MailProtocol::Smtp;
        case 110:
        case 995:
            return MailProtocol::Pop3;
        case 143:
        case 993:
            return MailProtocol::Imap;
        default:
            return std::nullopt;
    }
}

std::string_view mail_protocol_name(MailProtocol protocol) {
    switch (protocol) {
        case MailProtocol::Smtp:
            return "SMTP";
        case MailProtocol::Pop3:
            return "POP3";
        case MailProtocol::Imap:
            return "IMAP";
    }
    return "SMTP";
}

}  // namespace maillab::sim
