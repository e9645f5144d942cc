#include "sim/bridge/bridged_connection.hpp"

#include <algorithm>
#include <utility>

#include "sim/net/ipv4.hpp"

namespace maillab::sim::bridge {

BridgedConnection::BridgedConnection(asio::ip::tcp::socket socket, RealTimeDriver& driver, Tcp& tcp,
                                     HostId client, ConnectionLimits limits, FinishedFn on_finished,
                                     protocols::durable::GroupCommit* durable)
    : socket_(std::move(socket)),
      driver_(driver),
      tcp_(tcp),
      client_(client),
      limits_(limits),
      on_finished_(std::move(on_finished)),
      durable_(durable),
      idle_timer_(socket_.get_executor()),
      last_activity_(std::chrono::steady_clock::now()),
      stall_timer_(socket_.get_executor()),
      read_buffer_(std::max<std::size_t>(limits.read_chunk, 1)) {
    // What the virtual server sends arrives a segment at a time; Nagle's algorithm would hold
    // each small write until the client's delayed ACK, 40 ms per answer on Linux.
    asio::error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
}

void BridgedConnection::start(HostId server, std::uint16_t port, std::string_view note) {
    driver_.poke();  // the connection happens "now" in virtual time
    Network& net = tcp_.network();
    conn_ = tcp_.connect(client_, format_ipv4(net.host(server).address), port, handlers());
    net.sim().record({.kind = EventKind::SessionNote,
                      .dir = Direction::ClientToServer,
                      .host = client_,
                      .peer = server,
                      .conn = conn_.id(),
                      .payload = note});
    driver_.poke();
    check_idle();
}

ConnectionHandlers BridgedConnection::handlers() {
    std::weak_ptr<BridgedConnection> weak = weak_from_this();
    ConnectionHandlers h;
    h.on_connected = [weak] {
        if (auto self = weak.lock()) self->on_connected();
    };
    h.on_data = [weak](std::string_view bytes) {
        if (auto self = weak.lock()) self->on_virtual_data(bytes);
    };
    h.on_peer_closed = [weak] {
        if (auto self = weak.lock()) {
            self->virtual_eof_ = true;
            self->write_next();
        }
    };
    h.on_closed = [weak] {
        if (auto self = weak.lock()) self->on_virtual_end(true);
    };
    h.on_failed = [weak](std::string_view) {
        if (auto self = weak.lock()) self->on_virtual_end(false);
    };
    return h;
}

void BridgedConnection::on_connected() {
    connected_ = true;
    start_read();
}

void BridgedConnection::on_virtual_data(std::string_view bytes) {
    if (finished_ || bytes.empty()) return;
    last_activity_ = std::chrono::steady_clock::now();
    if (queued_octets_ + bytes.size() > limits_.max_write_backlog) {
        fail_with_note("the bridge dropped a real client whose unread answers passed " +
                       std::to_string(limits_.max_write_backlog) + " octets");
        return;
    }
    write_queue_.emplace_back(bytes);
    queued_octets_ += bytes.size();
    if (queued_octets_ > limits_.max_write_queue && !backlogged_) {
        backlogged_ = true;  // start_read() takes no more commands until the client catches up
        last_written_ = std::chrono::steady_clock::now();
        check_stall();
    }
    // Not at once: the other segments of the same answer usually arrive in
    // this same run of the world, and the client should read them in one go
    // rather than wake up for each.
    if (write_posted_) return;
    write_posted_ = true;
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
        self->write_posted_ = false;
        self->write_next();
    });
}

void BridgedConnection::on_virtual_end(bool fully_closed) {
    virtual_done_ = true;
    if (fully_closed) virtual_eof_ = true;
    write_next();  // flushes what the server said, then closes the socket
}

void BridgedConnection::on_transmitted(std::uint64_t end) {
    transmitted_ = std::max(transmitted_, std::min(end, sent_));
    if (paused_ && unsent() <= limits_.max_unsent / 2) {
        paused_ = false;
        start_read();
    }
}

void BridgedConnection::start_read() {
    if (finished_ || reading_ || real_eof_ || virtual_done_ || !connected_ || backlogged_) return;
    if (unsent() > limits_.max_unsent) {
        paused_ = true;
        return;
    }
    reading_ = true;
    socket_.async_read_some(asio::buffer(read_buffer_),
                            [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
                                self->on_read(ec, n);
                            });
}

void BridgedConnection::on_read(const asio::error_code& ec, std::size_t n) {
    reading_ = false;
    if (finished_) return;
    if (n > 0) {
        last_activity_ = std::chrono::steady_clock::now();
        driver_.poke();
        if (conn_.send(std::string_view(read_buffer_.data(), n))) sent_ += n;
        driver_.poke();
    }
    if (ec == asio::error::eof) {
        real_eof_ = true;
        conn_.close();
        driver_.poke();
        write_next();
        return;
    }
    if (ec) {
        fail_both();  // reset by the real peer, or the socket broke
        return;
    }
    start_read();
}

bool BridgedConnection::hold_for_commit() {
    if (awaiting_commit_) return true;
    if (!durable_ || !durable_->pending()) return false;
    awaiting_commit_ = true;
    durable_->after_next_commit([weak = weak_from_this()](bool durable) {
        auto self = weak.lock();
        // After a failed commit the output stays held: the bridge drops the connection.
        if (!self || !durable) return;
        self->awaiting_commit_ = false;
        self->write_next();
    });
    return true;
}

void BridgedConnection::drop_unanswered(std::string_view why) {
    if (finished_) return;
    fail_with_note("the bridge dropped the connection: " + std::string(why));
}

void BridgedConnection::fail_with_note(std::string_view note) {
    tcp_.network().sim().record(
        {.kind = EventKind::SessionNote, .host = client_, .conn = conn_.id(), .payload = note});
    fail_both();
}

void BridgedConnection::write_next() {
    if (finished_ || writing_) return;
    // Output queued while a commit is pending waits for it; what is already
    // being written was cleared by an earlier commit and goes on.
    if (!write_queue_.empty() && !hold_for_commit()) {
        // Everything queued goes out together, so the client reads whole answers.
        while (!write_queue_.empty()) {
            in_flight_.push_back(std::move(write_queue_.front()));
            write_queue_.pop_front();
        }
    }
    if (in_flight_.empty()) {
        if (!write_queue_.empty()) return;  // held for the commit
        if (virtual_done_) {
            finish();
        } else if (virtual_eof_ && !shut_send_) {
            shut_send_ = true;
            asio::error_code ignored;
            socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
        }
        return;
    }
    writing_ = true;
    // At most as many chunks as one writev takes (asio passes no more), so a
    // long backlog does not cost a long buffer list per write.
    constexpr std::size_t kMaxChunksPerWrite = 64;
    std::vector<asio::const_buffer> buffers;
    buffers.reserve(std::min(in_flight_.size(), kMaxChunksPerWrite));
    buffers.push_back(asio::buffer(in_flight_.front()) + in_flight_offset_);
    for (auto chunk = std::next(in_flight_.begin());
         chunk != in_flight_.end() && buffers.size() < kMaxChunksPerWrite; ++chunk)
        buffers.push_back(asio::buffer(*chunk));
    // Some at a time rather than all: every write that takes bytes shows the
    // client is reading (see check_stall).
    socket_.async_write_some(
        buffers, [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
            self->writing_ = false;
            if (self->finished_) return;
            if (ec) {
                self->fail_both();
                return;
            }
            self->on_written(n);
            self->write_next();
        });
}

void BridgedConnection::on_written(std::size_t n) {
    queued_octets_ -= n;
    while (n > 0) {
        const std::size_t left = in_flight_.front().size() - in_flight_offset_;
        if (n < left) {
            in_flight_offset_ += n;
            break;
        }
        n -= left;
        in_flight_.pop_front();
        in_flight_offset_ = 0;
    }
    last_activity_ = last_written_ = std::chrono::steady_clock::now();
    if (backlogged_ && queued_octets_ <= limits_.max_write_queue / 2) {
        backlogged_ = false;
        start_read();
    }
}

void BridgedConnection::check_stall() {
    if (finished_ || !backlogged_) {
        stall_watched_ = false;
        return;
    }
    const auto stalled_for = std::chrono::steady_clock::now() - last_written_;
    if (stalled_for >= limits_.write_stall_timeout) {
        fail_with_note("the bridge dropped a real client that stopped reading its answers");
        return;
    }
    if (stall_watched_) return;  // the timer already waits
    stall_watched_ = true;
    stall_timer_.expires_after(limits_.write_stall_timeout - stalled_for);
    stall_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        self->stall_watched_ = false;
        if (!ec) self->check_stall();
    });
}

void BridgedConnection::check_idle() {
    if (finished_) return;
    const auto idle_for = std::chrono::steady_clock::now() - last_activity_;
    if (idle_for >= limits_.idle_timeout) {
        fail_with_note("the bridge closed an idle real connection");
        return;
    }
    idle_timer_.expires_after(limits_.idle_timeout - idle_for);
    idle_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) self->check_idle();
    });
}

void BridgedConnection::fail_both() {
    if (finished_) return;
    if (conn_.open()) {
        driver_.poke();
        conn_.abort();
        driver_.poke();
    }
    virtual_done_ = true;
    write_queue_.clear();
    queued_octets_ = 0;
    finish();
}

void BridgedConnection::close_socket() {
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    idle_timer_.cancel();
    stall_timer_.cancel();
}

void BridgedConnection::finish() {
    if (finished_) return;
    finished_ = true;
    close_socket();
    if (auto done = std::move(on_finished_)) done(*this);
}

void BridgedConnection::shut_down() {
    on_finished_ = nullptr;
    if (finished_) return;
    if (conn_.open()) conn_.abort();
    finished_ = true;
    close_socket();
}

}  // namespace maillab::sim::bridge
