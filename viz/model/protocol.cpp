#include "viz/model/protocol.hpp"

namespace maillab::viz {

ProtocolColor protocol_for_port(std::uint16_t port) {
    switch (port) {
        case 25:
        case 465:
        case 587:
            return ProtocolColor::Smtp;
        case 110:
        case 995:
            return ProtocolColor::Pop3;
        case 143:
        case 993:
            return ProtocolColor::Imap;
        case 53:
            return ProtocolColor::Dns;
        default:
            return ProtocolColor::Tcp;
    }
}

}  // namespace maillab::viz
