// BridgedConnection: one real TCP connection joined to one virtual TCP
// connection. Bytes read from the real socket are sent on the virtual
// connection; bytes the virtual connection delivers are written to the real
// socket. Ends propagate both ways:
//
//   real peer's FIN    -> virtual close() (FIN after the queued bytes)
//   real reset/error   -> virtual abort() (RST), socket closed
//   virtual peer's FIN -> socket shutdown(send) once the write queue drained
//   virtual closed, reset, refused or timed out -> socket closed once drained
//   idle for idle_timeout (no byte either way) -> virtual abort(), socket closed
//
// Backpressure: the real socket is read in chunks of read_chunk octets, and
// no further read is issued while more than max_unsent octets wait in the
// virtual connection's send queue (sent to Tcp but not yet seen leaving as a
// TcpSegment in the trace). Reading resumes when half of that has left. In
// the other direction Tcp cannot be paused: a whole answer (a 9 MB FETCH)
// arrives in one run of the world. Once more than max_write_queue octets wait
// for the real client, the bridge reads no more of its commands, so no new
// answers pile up, until half has been written. A client that takes none of
// the waiting bytes for write_stall_timeout is disconnected; one that reads,
// however slowly, gets everything. Commands read before the pause are still
// answered (a pipelined FETCH after FETCH), so max_write_backlog bounds the
// memory: a client whose unread answers pass it is dropped at once.
//
// Durability: with a GroupCommit, nothing is written to the real socket while
// the group has fsyncs pending, since what the server said (a 250 for a
// queued message, an OK for a stored flag) may rest on them; it leaves right
// after the commit. After a failed commit the bridge drops every connection
// (Bridge::hold_output_until_durable).
//
// Everything runs on the io_context's thread; the Tcp callbacks hold only a
// weak_ptr, and the asio handlers a shared_ptr, so the object lives exactly
// until its last callback has run.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <asio.hpp>

#include "protocols/durable/group_commit.hpp"
#include "sim/bridge/real_time_driver.hpp"
#include "sim/net/tcp.hpp"

namespace maillab::sim::bridge {

struct ConnectionLimits {
    std::size_t read_chunk = 16 * 1024;
    std::size_t max_unsent = 64 * 1024;
    std::size_t max_write_queue = 4 * 1024 * 1024;
    std::chrono::milliseconds write_stall_timeout = std::chrono::seconds{60};
    std::size_t max_write_backlog = 256 * 1024 * 1024;
    std::chrono::milliseconds idle_timeout = std::chrono::minutes{15};
};

class BridgedConnection : public std::enable_shared_from_this<BridgedConnection> {
public:
    // Called once when both sides are finished (not after shut_down()).
    using FinishedFn = std::function<void(BridgedConnection&)>;

    BridgedConnection(asio::ip::tcp::socket socket, RealTimeDriver& driver, Tcp& tcp, HostId client,
                      ConnectionLimits limits, FinishedFn on_finished,
                      protocols::durable::GroupCommit* durable = nullptr);
    BridgedConnection(const BridgedConnection&) = delete;
    BridgedConnection& operator=(const BridgedConnection&) = delete;

    // Opens the virtual connection from the client host; `note` goes to the
    // trace as a SessionNote on that connection.
    void start(HostId server, std::uint16_t port, std::string_view note);
    // A TcpSegment left the client host: stream bytes [0, end) are on their way.
    void on_transmitted(std::uint64_t end);
    // Ends both sides at once (RST on the virtual side), without on_finished.
    void shut_down();
    // Ends both sides at once, saying why in the trace, and sends nothing
    // that is still queued.
    void drop_unanswered(std::string_view why);

    HostId client() const { return client_; }
    ConnId conn() const { return conn_.id(); }
    std::size_t unsent() const { return static_cast<std::size_t>(sent_ - transmitted_); }
    bool reading_paused() const { return paused_; }
    // More than max_write_queue octets wait for the real client: its input waits too.
    bool output_backlogged() const { return backlogged_; }
    bool finished() const { return finished_; }

private:
    ConnectionHandlers handlers();
    void on_connected();
    void on_virtual_data(std::string_view bytes);
    void on_virtual_end(bool fully_closed);

    void start_read();
    void on_read(const asio::error_code& ec, std::size_t n);
    void write_next();
    void on_written(std::size_t n);
    // While backlogged: disconnects a client that took no byte for write_stall_timeout.
    void check_stall();
    // True when the queued output must first wait for the group's commit.
    bool hold_for_commit();
    void check_idle();
    void fail_both();
    // fail_both(), after a SessionNote in the trace that says why.
    void fail_with_note(std::string_view note);
    void close_socket();
    void finish();

    asio::ip::tcp::socket socket_;
    RealTimeDriver& driver_;
    Tcp& tcp_;
    HostId client_;
    ConnectionLimits limits_;
    FinishedFn on_finished_;
    protocols::durable::GroupCommit* durable_;
    Connection conn_;
    asio::steady_timer idle_timer_;
    std::chrono::steady_clock::time_point last_activity_;
    asio::steady_timer stall_timer_;
    std::chrono::steady_clock::time_point last_written_;

    std::vector<char> read_buffer_;
    std::deque<std::string> write_queue_;
    std::deque<std::string> in_flight_;  // chunks being written, oldest first
    std::size_t in_flight_offset_ = 0;   // octets of the first chunk already written
    std::size_t queued_octets_ = 0;
    std::uint64_t sent_ = 0;
    std::uint64_t transmitted_ = 0;

    bool connected_ = false;
    bool reading_ = false;
    bool paused_ = false;
    bool backlogged_ = false;
    bool stall_watched_ = false;
    bool writing_ = false;
    bool write_posted_ = false;
    bool awaiting_commit_ = false;
    bool real_eof_ = false;
    bool virtual_eof_ = false;   // the virtual peer sent FIN
    bool virtual_done_ = false;  // the virtual connection is gone
    bool shut_send_ = false;
    bool finished_ = false;
};

}  // namespace maillab::sim::bridge
