// TypingSession: a person at a raw terminal (telnet, or openssl s_client on
// an implicit-TLS port) typing protocol lines by hand. It is protocol-blind
// on purpose: it waits for the server to fall quiet, types the next line,
// and shows whatever comes back, so a lesson can demonstrate what a server
// says to a command from the wrong protocol ("RETR 1" on port 25).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "protocols/core/session_base.hpp"

namespace maillab::sim {

// How long the server must stay silent before the next line is typed.
inline constexpr std::chrono::milliseconds kTypingPause{400};
// After the last line: how long to wait for the server to close before hanging up.
inline constexpr std::chrono::milliseconds kTypingHangUp{5000};
// A server that floods the terminal: what is kept of one reply.
inline constexpr std::size_t kMaxShownReply = 16 * 1024;

class TypingSession : public protocols::core::SessionBase {
public:
    explicit TypingSession(std::vector<std::string> lines) : lines_(std::move(lines)) {}

    void start() override {}
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override {}

    // Lines typed so far.
    std::size_t typed() const { return next_; }

private:
    void show_reply();

    std::vector<std::string> lines_;
    std::size_t next_ = 0;
    std::string pending_;  // received since the last line was typed
    bool heard_ = false;   // the greeting (or anything) has arrived
};

}  // namespace maillab::sim
