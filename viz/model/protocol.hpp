// Which protocol a thing belongs to, as the views colour it (the theme maps
// each to a colour); shared by the model, the panels and the legend.
#pragma once

#include <cstdint>

namespace maillab::viz {

enum class ProtocolColor { Tcp, Dns, Smtp, Pop3, Imap, Tls, Store, Queue, Device, Lesson };

// The protocol a standard port carries (25/465/587 SMTP, 110/995 POP3, 143/993 IMAP, 53 DNS).
ProtocolColor protocol_for_port(std::uint16_t port);

}  // namespace maillab::viz
