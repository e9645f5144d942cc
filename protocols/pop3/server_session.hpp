// POP3 server session: a sans-I/O state machine (bytes in, bytes and events
// out) over a Maildrop. The owner moves the bytes, keeps the clock and does
// TLS; the session only decides what to say.
//
// Implemented:
//   [x] RFC 1939 §4 AUTHORIZATION: USER/PASS, APOP with a "<pid.clock@host>"
//       timestamp in the greeting (parts from ServerConfig), QUIT
//   [x] RFC 1939 §5 TRANSACTION: STAT, LIST [n], RETR n, DELE n, NOOP, RSET,
//       TOP n k, UIDL [n]; numbering fixed by a snapshot taken at login;
//       messages marked with DELE are invisible to every command but RSET
//   [x] RFC 1939 §6 UPDATE: marked messages are removed only by QUIT in
//       TRANSACTION; a dropped connection or a timeout removes nothing
//   [x] RFC 1939 §8 exclusive maildrop lock: a second login gets -ERR [IN-USE]
//   [x] RFC 1939 §3 autologout timer of at least 10 minutes; on expiry the
//       session closes without a reply and without UPDATE (as the RFC says;
//       Dovecot sends "-ERR Disconnected for inactivity." first)
//   [x] RFC 2449 CAPA (TOP UIDL RESP-CODES PIPELINING AUTH-RESP-CODE, and in
//       AUTHORIZATION STLS, USER and SASL PLAIN as Dovecot shows them),
//       response codes [IN-USE] [LOGIN-DELAY] [SYS/TEMP] [AUTH] (RFC 3206),
//       pipelined commands
//   [x] RFC 2595 STLS: plaintext pipelined behind STLS is discarded (command
//       injection defence); implicit TLS (port 995) via ServerConfig::tls_active;
//       plain-text logins only on a secure transport unless allowed by config
//   [x] RFC 5034 AUTH PLAIN with and without an initial response, "*" cancels;
//       AUTH without arguments lists the mechanisms (as Dovecot does)
//   [x] Limits: kMaxCommandOctets / kMaxAuthLineOctets (command_parser.hpp),
//       kMaxBadCommands, ServerConfig::max_auth_failures with a growing
//       answer_delay() the owner should wait before sending a failed login
// Not yet:
//   [ ] RFC 5034 mechanisms other than PLAIN (LOGIN, CRAM-MD5, SCRAM)
//   [ ] RFC 2449 EXPIRE and LOGIN-DELAY capabilities, IMPLEMENTATION
//   [ ] RFC 6856 UTF8 and LANG
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocols/core/line_framer.hpp"
#include "protocols/core/session_base.hpp"
#include "protocols/pop3/command_parser.hpp"
#include "protocols/pop3/command_table.hpp"
#include "protocols/pop3/maildrop.hpp"

namespace maillab::protocols::pop3 {

// RFC 1939 §3: the autologout timer must be at least 10 minutes.
inline constexpr std::chrono::milliseconds kMinIdleTimeout = std::chrono::minutes{10};
// Bad lines (unknown, malformed, too long, wrong state) before the server hangs
// up; Dovecot uses the same number (CLIENT_MAX_BAD_COMMANDS).
inline constexpr std::size_t kMaxBadCommands = 20;
inline constexpr std::size_t kDefaultMaxAuthFailures = 3;
// Dovecot's auth_failure_delay: each failed login adds this much.
inline constexpr std::chrono::milliseconds kDefaultAuthFailureDelay = std::chrono::seconds{2};

struct ServerConfig {
    std::string hostname = "pop.maillab.test";
    bool apop = true;                   // put an APOP timestamp in the greeting
    std::uint64_t apop_pid = 1;         // the timestamp's parts: process id and clock,
    std::uint64_t apop_clock = 0;       // supplied by the owner (the engine has no clock)
    bool tls_available = false;         // offer STLS
    bool tls_active = false;            // implicit TLS (port 995): secure from the start
    bool allow_plaintext_auth = false;  // USER/PASS and AUTH PLAIN without TLS
    std::size_t max_auth_failures = kDefaultMaxAuthFailures;
    std::chrono::milliseconds auth_failure_delay = kDefaultAuthFailureDelay;
    std::chrono::milliseconds idle_timeout = kMinIdleTimeout;  // raised to kMinIdleTimeout
};

class ServerSession : public core::SessionBase {
public:
    explicit ServerSession(Maildrop& maildrop, ServerConfig config = {});

    void start() override;
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;

    ServerState state() const { return state_; }
    const std::string& apop_timestamp() const { return apop_timestamp_; }
    bool tls_active() const { return tls_active_; }
    const std::string& user() const { return user_; }
    std::size_t failed_logins() const { return failed_logins_; }
    // How long the owner should hold the output of the last receive() before
    // sending it: failed_logins() x auth_failure_delay after a failed login
    // (summed over the failed logins in that call),
    // zero otherwise. The session itself never waits (it has no clock).
    std::chrono::milliseconds answer_delay() const { return answer_delay_; }
    std::chrono::milliseconds output_delay() const override { return answer_delay_; }

private:
    struct Entry {
        MaildropMessage message;
        bool deleted = false;
    };

    void handle_line(const core::FramedLine& line);
    void handle_command(const Command& cmd);
    void reply(std::string bytes, core::Explanation why);
    void bad_command(std::string bytes, core::Explanation why);
    void close_session(std::string reason, core::Explanation why);
    bool plaintext_allowed() const { return tls_active_ || config_.allow_plaintext_auth; }
    std::vector<std::string> capabilities() const;

    // AUTHORIZATION (server_authorization.cpp)
    void cmd_user(const Command& cmd);
    void cmd_pass(const Command& cmd);
    void cmd_apop(const Command& cmd);
    void cmd_auth(const Command& cmd);
    void sasl_response(std::string_view line);
    void cmd_stls(const Command& cmd);
    void try_login(std::string_view method, const std::string& user, AuthResult result);
    void login_failed(std::string_view method);

    // TRANSACTION and UPDATE (server_transaction.cpp)
    std::optional<std::size_t> message_index(const std::string& argument);
    std::optional<std::string> read_message(std::size_t index);
    void cmd_stat();
    void cmd_listing(const Command& cmd);  // LIST and UIDL
    std::string listing_line(Verb verb, std::size_t index) const;
    void cmd_retr(const Command& cmd);
    void cmd_top(const Command& cmd);
    void cmd_dele(const Command& cmd);
    void cmd_rset();
    void cmd_quit();
    std::size_t visible_count() const;
    std::size_t visible_octets() const;

    Maildrop& maildrop_;
    ServerConfig config_;
    core::LineFramer framer_;
    ServerState state_ = ServerState::Authorization;
    bool tls_active_ = false;
    std::string apop_timestamp_;
    std::string pending_user_;  // after USER, before PASS
    bool awaiting_sasl_ = false;
    std::string user_;
    std::unique_ptr<MaildropLock> lock_;
    std::vector<Entry> entries_;
    std::size_t failed_logins_ = 0;
    std::size_t bad_commands_ = 0;
    std::chrono::milliseconds answer_delay_{0};
};

}  // namespace maillab::protocols::pop3
