#include "protocols/core/protocol_event.hpp"

namespace maillab::protocols::core {

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::Command:
            return "command";
        case EventKind::Reply:
            return "reply";
        case EventKind::StateChange:
            return "state";
        case EventKind::StartTls:
            return "starttls";
        case EventKind::Close:
            return "close";
        case EventKind::Note:
            return "note";
        case EventKind::TlsRecord:
            return "tls-record";
    }
    return "unknown";
}

}  // namespace maillab::protocols::core
