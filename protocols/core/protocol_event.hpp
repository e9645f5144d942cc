// ProtocolEvent: what an engine tells the outside world. The simulator and the
// bridge copy each one into the trace; nothing reads engine internals.
#pragma once

#include <string>
#include <string_view>

#include "protocols/core/explanation.hpp"

namespace maillab::protocols::core {

enum class EventKind {
    Command,      // a client command as sent or received ("MAIL FROM:<a@x>")
    Reply,        // a server reply, all lines of a multi-line reply ("250-...\r\n250 OK")
    StateChange,  // the session moved to another protocol state ("TRANSACTION")
    StartTls,     // from now on the bytes on this connection are TLS records
    Close,        // the session ended; text says why
    Note,         // anything else worth showing (a message stored, a bad line skipped)
    TlsRecord,    // a TLS record this side sent: text is its bytes (ciphertext after the handshake)
};

std::string_view to_string(EventKind kind);

struct ProtocolEvent {
    EventKind kind = EventKind::Note;
    std::string text;
    Explanation why;

    bool operator==(const ProtocolEvent&) const = default;
};

}  // namespace maillab::protocols::core
