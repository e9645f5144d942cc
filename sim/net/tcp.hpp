// Tcp: virtual TCP connections between hosts of a Network. Reliable, ordered
// byte streams with the events a student expects to see in a capture.
//
// Model (deterministic, deliberately small):
// - Handshake SYN, SYN-ACK, ACK (RFC 9293 §3.5). A SYN to a port nobody
//   listens on is answered with RST: "connection refused". An unanswered SYN
//   is resent after 1 s, 2 s, 4 s, 8 s (RFC 6298 §2.1, §5.5); after
//   kMaxSynRetransmits the connect fails with "connection timed out".
// - Sequence numbers are stream offsets starting at 0 in each direction (the
//   SYN takes no number here); a FIN takes the offset after the last byte.
// - Data is cut into segments of at most mss bytes. At most kWindowSegments
//   full segments are unacknowledged at a time (a fixed window). The receiver
//   acknowledges every segment cumulatively, keeps out-of-order data, and
//   hands bytes to the application in order, each exactly once.
// - RTO = max(kMinRto, 4 x the RTT measured in the handshake). On expiry the
//   sender goes back to the oldest unacknowledged byte and resends the window
//   (go-back-N), doubling the RTO up to kMaxRto; after kMaxRetransmits
//   expiries without progress the connection fails with "connection timed out".
// - close() sends FIN after the queued data; the other direction stays open
//   (half-close). When both FINs are acknowledged the end waits kTimeWait to
//   re-acknowledge a repeated FIN, then disappears. abort() sends RST.
// - A segment for a connection the host does not know is answered with RST.
// - crash_host() takes a host down and forgets its connections without a
//   word: peers see timeouts, or RST once the host is back.
//
// Trace: TcpSyn (value = client port, aux = server port, payload
// "a.b.c.d:port > e.f.g.h:port"),
// TcpSynAck, TcpAck (the handshake's third segment only), TcpSegment at the
// first transmission of data (value = stream offset, payload = bytes),
// TcpRetransmit (value = bytes resent, payload = bytes), TcpFin, TcpRst (note
// why), TcpSegmentLost (value = payload bytes lost, note where and why),
// TcpConnectFailed and TcpTimedOut (note why). host is the sending host and
// peer the other end; dir is c2s for the connecting side. Acknowledgements
// after the handshake travel and can be lost but are not traced, to keep the
// trace readable.
//
// Lifetime: build Simulator, Network, Tcp in that order; packets and timers
// in the simulator refer to the Tcp, so do not run the simulator after the
// Tcp is gone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sim/kernel/pool.hpp"
#include "sim/kernel/slot_map.hpp"
#include "sim/net/connection.hpp"
#include "sim/net/network.hpp"
#include "sim/net/send_buffer.hpp"

namespace maillab::sim {

class Tcp : private PacketSink {
public:
    static constexpr std::size_t kDefaultMss = 1460;
    static constexpr std::size_t kWindowSegments = 8;
    static constexpr std::size_t kHeaderOctets = 40;  // IPv4 + TCP headers without options
    static constexpr SimTime kInitialSynRto = 1'000'000;
    static constexpr int kMaxSynRetransmits = 4;
    static constexpr SimTime kMinRto = 200'000;
    static constexpr SimTime kMaxRto = 10'000'000;
    static constexpr int kMaxRetransmits = 8;
    static constexpr SimTime kTimeWait = 10'000'000;
    static constexpr std::uint16_t kFirstEphemeralPort = 49152;

    // The accepting side's answer to a new connection: the callbacks for it.
    using AcceptFn = std::function<ConnectionHandlers(Connection)>;

    explicit Tcp(Network& network);
    ~Tcp();
    Tcp(const Tcp&) = delete;
    Tcp& operator=(const Tcp&) = delete;

    Network& network() { return net_; }

    // Maximum segment size for connections opened from now on (>= 1).
    void set_mss(std::size_t mss);
    std::size_t mss() const { return mss_; }

    // Records ServiceListening (payload = protocol). A second listener on
    // the same host and port is a caller mistake: std::invalid_argument.
    void listen(HostId host, std::uint16_t port, AcceptFn accept, std::string_view protocol = {});
    // `to` is a host name or dotted address (no DNS traffic: use Dns for that).
    // Failures arrive later through handlers.on_failed.
    Connection connect(HostId from, std::string_view to, std::uint16_t port,
                       ConnectionHandlers handlers);
    // Host down, and every connection it had is gone without a FIN or RST.
    void crash_host(HostId host);

    std::size_t open_connections() const { return endpoints_.size(); }

private:
    friend class Connection;
    struct Endpoint;
    struct Segment;
    // One end of a connection: its own host and port, then the peer's.
    struct Key {
        HostId host;
        std::uint16_t port;
        HostId peer;
        std::uint16_t peer_port;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const;
    };

    bool send(EndpointId id, std::string_view bytes);
    void close(EndpointId id);
    void abort(EndpointId id);
    bool is_open(EndpointId id) const;

    std::shared_ptr<Endpoint> make_endpoint(ConnId conn, HostId host, std::uint16_t port,
                                            HostId peer, std::uint16_t peer_port,
                                            Direction outgoing);
    void forget(Endpoint& ep);
    Connection handle(const Endpoint& ep);

    using SegmentIndex = Pool<Segment>::Index;

    // A pooled segment with every field reset; its payload keeps its buffer.
    SegmentIndex lend_segment();
    // One lent and filled from ep's state (ports, sequence, acknowledgement).
    SegmentIndex segment_from(Endpoint& ep);
    // Hands a lent segment to the network, which calls back with its index.
    void transmit(SegmentIndex index);
    void packet_arrived(std::uint32_t token) override;
    void packet_lost(std::uint32_t token, std::string_view why) override;
    void segment_lost(SegmentIndex index, std::string_view why);
    void segment_arrived(SegmentIndex index);
    void send_ack(Endpoint& ep);
    // SYN from the connecting end, SYN-ACK from the accepting end.
    void send_handshake(Endpoint& ep, bool retransmission);
    // Traces an event about one end (dir, host, peer and conn filled in).
    void trace(const Endpoint& ep, EventRecord record);
    void become_established(Endpoint& ep);
    void send_more(Endpoint& ep);
    void send_reset_for(const Segment& segment, std::string_view why);
    void arm_timer(Endpoint& ep, SimTime delay);
    // Stops the timer while a segment is handled; cancel_disarmed_timers()
    // cancels it afterwards unless arm_timer took it up again.
    void disarm_timer(Endpoint& ep);
    void cancel_disarmed_timers();
    void on_timer(EndpointId id);
    void fail(Endpoint& ep, std::optional<EventKind> kind, std::string_view reason);
    std::uint16_t ephemeral_port(HostId host, HostId peer, std::uint16_t peer_port);

    std::shared_ptr<Endpoint> receiver_of(const Segment& segment) const;
    void arrive(const Segment& segment);
    void on_syn(const Segment& segment);
    void on_ack(Endpoint& ep, std::uint64_t ack);
    void on_payload(const std::shared_ptr<Endpoint>& ep, const Segment& segment);
    void establish_passive(const std::shared_ptr<Endpoint>& ep);
    void maybe_finished(Endpoint& ep);

    Network& net_;
    Simulator& sim_;
    std::size_t mss_ = kDefaultMss;
    ConnId next_conn_ = 0;
    std::uint64_t endpoints_created_ = 0;
    std::map<std::pair<HostId, std::uint16_t>, AcceptFn> listeners_;
    std::unordered_map<HostId, std::uint16_t> next_port_;
    SlotMap<std::shared_ptr<Endpoint>> endpoints_;  // by EndpointId
    // Looked up for every segment that arrives: hashed, not ordered.
    std::unordered_map<Key, EndpointId, KeyHash> by_key_;
    // Segments on their way: the network's callbacks for a packet carry only its index.
    Pool<Segment> in_flight_;
    std::vector<EndpointId> disarmed_;  // endpoints whose timer disarm_timer() stopped
};

}  // namespace maillab::sim
