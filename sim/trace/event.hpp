// Event: one observable change in the world. Small and flat; its text lives in
// the trace's byte arena and is reached through PayloadRefs.
//
// Field conventions per kind are documented next to each enumerator; every
// exporter, the GUI and lesson checkpoints rely on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace maillab::sim {

using SimTime = std::int64_t;  // virtual time in microseconds since the world began
using HostId = std::uint32_t;
using ConnId = std::uint32_t;

inline constexpr HostId kNoHost = 0xFFFFFFFFu;
inline constexpr ConnId kNoConn = 0xFFFFFFFFu;

enum class Direction : std::uint8_t {
    None,
    ClientToServer,
    ServerToClient,
};

// X-macro so the names used by exports and the enum can never disagree.
// payload / note / value say what each field holds for that kind.
#define MAILLAB_EVENT_KINDS(X)                                                                     \
    X(HostAdded, "host_added")       /* payload name, note role, value IPv4 */                     \
    X(HostUp, "host_up")             /* host */                                                    \
    X(HostDown, "host_down")         /* host */                                                    \
    X(LinkAdded, "link_added")       /* host-peer, value latency us */                             \
    X(LinkUp, "link_up")             /* host-peer */                                               \
    X(LinkDown, "link_down")         /* host-peer */                                               \
    X(ServiceListening, "listening") /* host, value port, payload protocol */                      \
    X(DnsQuery, "dns_query")         /* host asks, payload "MX example.test" */                    \
    X(DnsAnswer, "dns_answer")       /* host asked, payload answer records */                      \
    X(TcpSyn, "tcp_syn")             /* conn, host -> peer, value client port, aux server port */  \
    X(TcpSynAck, "tcp_synack")       /* conn */                                                    \
    X(TcpAck, "tcp_ack")             /* conn */                                                    \
    X(TcpSegment, "tcp_segment")     /* conn, dir, payload bytes as sent */                        \
    X(TcpSegmentLost, "tcp_lost")    /* conn, dir, value bytes lost */                             \
    X(TcpRetransmit, "tcp_retransmit")   /* conn, dir, value bytes resent */                       \
    X(TcpFin, "tcp_fin")                 /* conn, dir */                                           \
    X(TcpRst, "tcp_rst")                 /* conn, dir, note why */                                 \
    X(TcpConnectFailed, "tcp_failed")    /* conn, note why */                                      \
    X(TlsRecord, "tls_record")           /* conn, dir, payload ciphertext record */                \
    X(TlsEstablished, "tls_established") /* conn, payload version and cipher */                    \
    X(Command, "command")                /* conn, dir, payload line(s), note/ref why */            \
    X(Reply, "reply")                    /* conn, dir, payload line(s), note/ref why */            \
    X(SessionState, "session_state")     /* conn, payload new state */                             \
    X(SessionNote, "session_note")       /* conn, payload text */                                  \
    X(MailboxCreated, "mailbox_created") /* host, payload "account/mailbox" */                     \
    X(MailboxDeleted, "mailbox_deleted") /* host, payload "account/mailbox" */                     \
    X(MessageAppended, "appended") /* host, payload "account/mailbox", value uid, note subject */  \
    X(FlagsChanged, "flags")       /* host, payload "account/mailbox", value uid, note flags */    \
    X(MessageExpunged, "expunged") /* host, payload "account/mailbox", value uid */                \
    X(Queued, "queued")            /* host, value queue id, payload rcpts "a,b", note sender */    \
    X(DeliveryAttempt, "attempt")  /* host, value queue id, payload target */                      \
    X(Deferred, "deferred")        /* host, value id, payload rcpt, note reply, aux retry t */     \
    X(Delivered, "delivered")      /* host, value queue id, payload recipient */                   \
    X(Bounced, "bounced")          /* host, value queue id, payload rcpt, note reply */            \
    X(QueueLost, "queue_lost")     /* host, value queue id, note why (a crash, queue in memory) */ \
    X(DeviceCopyAdded, "device_added")     /* host device, payload message key, note subject */    \
    X(DeviceCopyRemoved, "device_removed") /* host device, payload message id */                   \
    X(DeviceCopyFlags, "device_flags")     /* host device, payload message id, note flags */       \
    X(DeviceAction, "device_action")       /* host device, payload what it starts */               \
    X(LessonStep, "lesson_step")           /* value step index, payload title */                   \
    X(Checkpoint, "checkpoint")            /* value 1 pass / 0 fail, payload claim */              \
    X(Narration, "narration")              /* payload text */                                      \
    X(TcpTimedOut, "tcp_timeout")          /* conn, host that gave up, note why */

enum class EventKind : std::uint16_t {
#define MAILLAB_EVENT_ENUM(name, text) name,
    MAILLAB_EVENT_KINDS(MAILLAB_EVENT_ENUM)
#undef MAILLAB_EVENT_ENUM
};

std::string_view to_string(EventKind kind);
std::optional<EventKind> event_kind_from_string(std::string_view name);
std::string_view to_string(Direction dir);

struct PayloadRef {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
};

struct Event {
    SimTime t = 0;
    std::uint64_t seq = 0;  // total order among events, also at equal t
    EventKind kind = EventKind::SessionNote;
    Direction dir = Direction::None;
    HostId host = kNoHost;
    HostId peer = kNoHost;
    ConnId conn = kNoConn;
    std::int64_t value = 0;
    std::int64_t aux = 0;  // a second number where a kind needs one (ports, next retry)
    PayloadRef payload;    // the bytes or text the event is about
    PayloadRef note;       // a plain-language explanation or secondary text
    PayloadRef ref;        // the RFC section behind the note
};

}  // namespace maillab::sim
