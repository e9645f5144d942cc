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
#include "protocols/smtp/command_table.hpp"
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
    State state() const { return state_; }

private:
    // How the next bytes are read; where the dialogue is, is state_.
    enum class Input {
        Commands,
        Data,
        Bdat,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        TlsHandshake
    };

    // server_session.cpp: input, dispatch, replies, session-level commands
    void process();
    void handle_line(const core::FramedLine& line);
    void dispatch(const Command& command);
    void reply(int code, std::string_view enhanced, std::string_view text);
    void reply_lines(int code, const std::vector<std::string>& lines);
    void reply_error(const SyntaxError& error) { reply(error.code, error.enhanced, error.text); }
    // Every change of state goes through here; the trace shows all but BDAT's.
    void enter(State state);
    void reset_transaction();
    void handle(const EhloCommand& command);
    void handle(const HeloCommand& command);
    void greet(const std::string& domain, bool esmtp);
    void handle(const RsetCommand& command);
    void handle(const NoopCommand& command);
    void handle(const QuitCommand& command);
    void handle(const VrfyCommand& command);
    void handle(const ExpnCommand& command);
    void handle(const HelpCommand& command);
    void handle(const EtrnCommand& command);
    void handle(const StartTlsCommand& command);
    std::vector<std::string> ehlo_lines() const;

    // server_auth.cpp: AUTH PLAIN / LOGIN (RFC 4954)
    bool auth_offered() const;
    void handle(const AuthCommand& command);
    void handle_auth_response(std::string_view line);
    void auth_plain(std::string_view base64);
    void finish_auth(std::string_view user, std::string_view password);

    // server_mail_transaction.cpp: MAIL, RCPT, DATA, BDAT and delivery
    bool parameters_allowed(const PathCommand& command);
    void handle(const MailCommand& command);
    void handle(const RcptCommand& command);
    void handle(const DataCommand& command);
    void handle(const BdatChunk& command);
    void feed_data();
    void feed_bdat();
    void finish_data();
    void finish_bdat_chunk();
    void deliver(std::string message);

    ServerConfig config_;
    SmtpBackend& backend_;
    core::LineFramer framer_;
    State state_ = State::Connected;
    Input input_ = Input::Commands;
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
