// ServerSession: a sans-I/O SMTP server (RFC 5321) in one of three roles,
// fed bytes by its owner, answering with bytes and events. Everything behind
// it (queue, users, clock) is reached through SmtpBackend.
//
// Implemented:
// - [x] EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, VRFY (252, never
//       confirms), HELP, EXPN (502) — RFC 5321 §4.1
// - [x] Enhanced status codes on every 2xx/4xx/5xx after the greeting (RFC 2034, 3463)
// - [x] PIPELINING (RFC 2920): buffered commands are answered in order;
//       DATA, BDAT and STARTTLS switch how the following bytes are read
// - [x] SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), DSN
//       parameters (RFC 3461), CHUNKING/BDAT (RFC 3030), ETRN (RFC 1985)
// - [x] STARTTLS (RFC 3207) with the command-injection defence: plaintext
//       pipelined behind STARTTLS is discarded; afterwards the session is reset
// - [x] AUTH PLAIN and LOGIN (RFC 4954), "*" cancels; offered on the
//       submission roles only, and before TLS only if the config allows it
// - [x] Roles: MX (own domains, 550 5.1.1 / 554 5.7.1 at RCPT), submission
//       (530 5.7.0 before AUTH, RFC 6409), submissions (implicit TLS, RFC 8314)
// - [x] DATA smuggling defence and limits: see data_reader.hpp
// - [x] Limits: command line (kMaxCommandLineOctets, 500 5.5.2 and resync),
//       message size (552 5.3.4), recipients (452 4.5.3), errors (soft: reply
//       delay; hard: 421 4.7.0), idle timeout (421 4.4.2)
// - [x] Received header (RFC 5321 §4.4, RFC 3848 "with"); Date and Message-ID
//       added on the submission roles when missing (RFC 6409 §8)
// Not yet: BINARYMIME, REQUIRETLS, AUTH mechanisms other than PLAIN/LOGIN
// (CRAM-MD5, SCRAM, XOAUTH2), ATRN, DSN generation (the MTA's job), SPF/DKIM.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/core/line_framer.hpp"
#include "protocols/core/session_base.hpp"
#include "protocols/smtp/backend.hpp"
#include "protocols/smtp/bdat.hpp"
#include "protocols/smtp/command_parser.hpp"
#include "protocols/smtp/data_reader.hpp"
#include "protocols/smtp/envelope.hpp"
#include "protocols/smtp/server_config.hpp"

namespace maillab::protocols::smtp {

class ServerSession : public core::SessionBase {
public:
    ServerSession(ServerConfig config, SmtpBackend& backend);

    void start() override;
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;

    // How long the owner should hold the next reply: the error delay once
    // the soft error limit is reached (Postfix's tarpit), zero before.
    std::chrono::milliseconds reply_delay() const;
    std::chrono::milliseconds output_delay() const override { return reply_delay(); }
    std::size_t error_count() const { return errors_; }
    bool tls_active() const { return tls_active_; }
    bool authenticated() const { return !auth_user_.empty(); }
    const ServerConfig& config() const { return config_; }

private:
    enum class Mode {
        Command,
        Data,
        Bdat,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        TlsHandshake
    };
    using Handler = void (ServerSession::*)(const Command&);
    struct Verb {
        std::string_view name;
        Handler handler;
    };

    // server_session.cpp: input, dispatch, replies, session-level commands
    void process();
    void handle_line(const core::FramedLine& line);
    void dispatch(const Command& command);
    void reply(int code, std::string_view enhanced, std::string_view text);
    void reply_lines(int code, const std::vector<std::string>& lines);
    void reply_error(const SyntaxError& error) { reply(error.code, error.enhanced, error.text); }
    void change_state(std::string_view name);
    void reset_transaction();
    bool require_helo();
    void handle_ehlo(const Command& command);
    void handle_helo(const Command& command);
    void greet(const Command& command, bool esmtp);
    void handle_rset(const Command& command);
    void handle_noop(const Command& command);
    void handle_quit(const Command& command);
    void handle_vrfy(const Command& command);
    void handle_expn(const Command& command);
    void handle_help(const Command& command);
    void handle_etrn(const Command& command);
    void handle_starttls(const Command& command);
    std::vector<std::string> ehlo_lines() const;

    // server_auth.cpp: AUTH PLAIN / LOGIN (RFC 4954)
    bool auth_offered() const;
    void handle_auth(const Command& command);
    void handle_auth_response(std::string_view line);
    void auth_plain(std::string_view base64);
    void finish_auth(std::string_view user, std::string_view password);

    // server_mail_transaction.cpp: MAIL, RCPT, DATA, BDAT and delivery
    bool parameters_allowed(const PathCommand& command);
    void handle_mail(const Command& command);
    void handle_rcpt(const Command& command);
    void handle_data(const Command& command);
    void handle_bdat(const Command& command);
    void feed_data();
    void feed_bdat();
    void finish_data();
    void finish_bdat_chunk();
    void deliver(std::string message);

    static const std::array<Verb, 15> kVerbs;

    ServerConfig config_;
    SmtpBackend& backend_;
    core::LineFramer framer_;
    Mode mode_ = Mode::Command;
    std::string helo_name_;
    bool esmtp_ = false;
    bool tls_active_ = false;
    std::string auth_user_;
    std::string auth_login_user_;
    std::optional<Envelope> transaction_;
    std::optional<DataReader> data_;
    std::optional<BdatAssembler> bdat_;
    bool bdat_last_ = false;
    bool bdat_out_of_sequence_ = false;
    std::size_t errors_ = 0;
};

}  // namespace maillab::protocols::smtp
