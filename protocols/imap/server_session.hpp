// ServerSession: the IMAP4rev1 server engine (RFC 3501), sans-I/O. This is
// the protocol shell — connection states, authentication, capabilities,
// IDLE and error handling — on top of the CommandReader and the parser; the
// mailbox commands arrive with the mailbox store interface.
//
// Implemented:
// - [x] greeting "* OK [CAPABILITY ...]" (RFC 3501 §7.1.1), CAPABILITY NOOP LOGOUT
// - [x] states Not Authenticated / Authenticated / Selected / Logout (RFC 3501 §3) with a
//       per-command state table: a command in the wrong state gets a tagged BAD
// - [x] STARTTLS (RFC 3501 §6.2.1): pipelined plaintext after it is discarded
// - [x] LOGIN and AUTHENTICATE PLAIN (RFC 4616) with SASL-IR (RFC 4959) and the "*" cancel;
//       LOGINDISABLED and no AUTH=PLAIN on a plaintext connection unless the owner allows it
// - [x] literals: "+ OK" continuation for {n}, LITERAL+ (RFC 7888), TOOBIG handling
// - [x] ID (RFC 2971), ENABLE (RFC 5161; nothing enableable yet), NAMESPACE (RFC 2342),
//       IDLE/DONE (RFC 2177)
// - [x] too many consecutive BAD commands: "* BYE" and close (kMaxBadCommands)
// - [x] autologout timer (RFC 3501 §5.4: at least 30 minutes)
// - [x] with a MailboxAccess (server_mailbox_commands.cpp): SELECT and EXAMINE (FLAGS EXISTS
//       RECENT, UNSEEN UIDVALIDITY UIDNEXT PERMANENTFLAGS codes, READ-WRITE/READ-ONLY,
//       HIGHESTMODSEQ/NOMODSEQ for SELECT (CONDSTORE)), UNSELECT (RFC 3691), LIST and LSUB
//       with "*" and "%" patterns, STATUS (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN
//       HIGHESTMODSEQ), CREATE DELETE RENAME SUBSCRIBE UNSUBSCRIBE with names checked before
//       the store sees them (mailbox_name.hpp) and the INBOX rules of RFC 3501 §6.3.3-§6.3.5
// - [ ] not yet: STATUS SIZE/DELETED, APPEND CHECK CLOSE EXPUNGE SEARCH FETCH STORE COPY MOVE
//       UID, QUOTA (answer NO [UNAVAILABLE]); LIST-EXTENDED options and QRESYNC (answer BAD);
//       CONDSTORE/QRESYNC are therefore not advertised; untagged updates between sessions.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/core/session_base.hpp"
#include "protocols/imap/command.hpp"
#include "protocols/imap/command_reader.hpp"
#include "protocols/imap/mailbox_access.hpp"
#include "protocols/imap/response_writer.hpp"

namespace maillab::protocols::imap {

// Consecutive BAD answers after which the server gives up on the client.
inline constexpr std::size_t kMaxBadCommands = 20;
// RFC 3501 §5.4: the autologout timer must be at least 30 minutes.
inline constexpr std::chrono::minutes kAutologout{30};

// The narrow question the session asks about a login; the store/user
// database answers it.
class CredentialCheck {
public:
    virtual ~CredentialCheck() = default;
    virtual bool check(std::string_view user, std::string_view password) const = 0;
};

struct ServerConfig {
    std::string host = "maillab";
    bool starttls_available = true;  // offer STARTTLS
    bool tls_active = false;         // implicit TLS (port 993) or after STARTTLS
    bool plaintext_auth = false;     // allow passwords without TLS (loopback listener)
};

enum class ServerState { NotAuthenticated, Authenticated, Selected, Logout };

class ServerSession : public core::SessionBase {
public:
    // `mailboxes` may be null: mailbox commands then answer NO [UNAVAILABLE].
    ServerSession(ServerConfig config, const CredentialCheck& credentials,
                  MailboxAccess* mailboxes = nullptr);

    void start() override;
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;

    ServerState state() const { return state_; }
    const std::string& user() const { return user_; }
    bool idling() const { return !idle_tag_.empty(); }
    const std::string& selected() const { return selected_; }
    std::string capabilities() const;

private:
    void process();
    void on_line(const std::string& line);
    void on_command(const TaggedCommand& command);
    void dispatch(const TaggedCommand& command);
    void authenticate(const std::string& tag, const AuthenticateCmd& command);
    void finish_plain(const std::string& tag, std::string_view base64);
    void login(const std::string& tag, std::string_view user, std::string_view password);
    void select(const std::string& tag, const SelectCmd& command);
    void list(const std::string& tag, const ListCmd& command);
    void status(const std::string& tag, const StatusCmd& command);
    void manage(const std::string& tag, const Command& command);
    void answer(const std::string& tag, MailboxResult result, std::string_view done);
    void data(std::string line, std::string_view name);
    void reply(std::string_view tag, Status status, const std::optional<ResponseCode>& code,
               std::string_view text);
    void untagged(std::string text, std::string_view name);
    void bad(std::string_view tag, std::string_view text);
    void set_state(ServerState state);
    bool auth_allowed() const { return config_.tls_active || config_.plaintext_auth; }

    ServerConfig config_;
    const CredentialCheck& credentials_;
    MailboxAccess* mailboxes_;
    std::string selected_;
    CommandReader reader_;
    ServerState state_ = ServerState::NotAuthenticated;
    std::string user_;
    std::string auth_tag_;  // AUTHENTICATE waiting for the client's response line
    std::string idle_tag_;  // IDLE waiting for DONE
    std::size_t bad_count_ = 0;
};

}  // namespace maillab::protocols::imap
