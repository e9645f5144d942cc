// ServerSession: the IMAP4rev1 (RFC 3501) and IMAP4rev2 (RFC 9051) server engine, sans-I/O, over
// the mail store (protocols/store). The protocol shell — connection states, authentication,
// capabilities, IDLE, errors — is in server_session.cpp; the mailbox commands in
// server_mailbox_commands.cpp and server_list.cpp; the message commands in
// server_message_commands.cpp, server_fetch.cpp and server_search.cpp; the selected mailbox's
// sequence-number map and the queue of other sessions' changes in selected_mailbox.hpp.
//
// Implemented:
// - [x] greeting "* OK [CAPABILITY ...]" (RFC 3501 §7.1.1), CAPABILITY NOOP LOGOUT
// - [x] states Not Authenticated / Authenticated / Selected / Logout (RFC 3501 §3) and one
//       command table (command_table.hpp): each command's parser, states, flags (Dovecot's
//       USES_SEQS; no EXPUNGE while answering) and explanation in one row; a command in the
//       wrong state gets a tagged BAD; dispatch by std::visit, one handle() per command
// - [x] no clock of its own: "now" (APPEND without a date, WITHIN) is ServerConfig::now
// - [x] STARTTLS (RFC 3501 §6.2.1): pipelined plaintext after it is discarded
// - [x] LOGIN and AUTHENTICATE PLAIN (RFC 4616) with SASL-IR (RFC 4959) and the "*" cancel;
//       LOGINDISABLED and no AUTH=PLAIN on a plaintext connection unless the owner allows it
// - [x] literals: "+ OK" continuation for {n}, LITERAL+ (RFC 7888), TOOBIG handling
// - [x] ID (RFC 2971), ENABLE CONDSTORE QRESYNC (RFC 5161, RFC 7162 §3.2.3), NAMESPACE
//       (RFC 2342), IDLE/DONE (RFC 2177), UNSELECT (RFC 3691)
// - [x] failed LOGIN/AUTHENTICATE answered late: output_delay() grows by
//       auth_failure_delay per failure up to kMaxAuthFailureDelay (Dovecot's auth penalty)
// - [x] too many consecutive BAD commands: "* BYE" and close (kMaxBadCommands)
// - [x] autologout timer (RFC 3501 §5.4: at least 30 minutes)
// - [x] SELECT and EXAMINE (FLAGS EXISTS RECENT, UNSEEN UIDVALIDITY UIDNEXT PERMANENTFLAGS
//       HIGHESTMODSEQ, READ-WRITE/READ-ONLY), SELECT (CONDSTORE), SELECT (QRESYNC ...) with
//       VANISHED (EARLIER) and FETCH of changed flags (RFC 7162 §3.2.5)
// - [x] LIST and LSUB with "*" and "%"; LIST-EXTENDED (RFC 5258) selection options
//       SUBSCRIBED REMOTE RECURSIVEMATCH SPECIAL-USE and return options SUBSCRIBED CHILDREN
//       SPECIAL-USE STATUS (RFC 5819), several patterns; SPECIAL-USE attributes (RFC 6154)
// - [x] STATUS MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED
// - [x] CREATE DELETE RENAME SUBSCRIBE UNSUBSCRIBE, names checked before the store sees
//       them (mailbox_name.hpp: no "../", no absolute names, modified UTF-7 well-formed)
// - [x] APPEND with flags, date-time, TRYCREATE, APPENDUID (RFC 4315), OVERQUOTA;
//       MULTIAPPEND (RFC 3502): all messages or none, APPENDUID with a UID set;
//       literal8 "~{n}" (BINARY, RFC 3516 §4.4), NUL-bearing parts stored base64-encoded
//       (binary_append.hpp); NUL in a normal literal is BAD (RFC 3501 §4.3) — server_append.cpp
// - [x] BINARY (RFC 3516): FETCH BINARY[part]<partial>, BINARY.PEEK, BINARY.SIZE, literal8
//       in the answer when the octets hold a NUL (RFC 3516 §4.2)
// - [x] UTF8=ACCEPT (RFC 6855): ENABLE UTF8=ACCEPT; then UTF-8 in quoted strings (§3),
//       APPEND's "UTF8 (~{n})" data (§4), SEARCH with CHARSET answered BAD (§3); message
//       headers in UTF-8 are stored and returned as they came (§5). Mailbox names in UTF-8
//       are the IMAP4rev2 work's, not this flag's.
// - [x] PREVIEW (RFC 8970): FETCH PREVIEW and PREVIEW (LAZY), up to 256 characters of the
//       first text part, HTML reduced to its text, whitespace collapsed and trimmed (preview.hpp)
// - [x] SAVEDATE (RFC 8514): FETCH SAVEDATE and SEARCH SAVEDBEFORE SAVEDON SAVEDSINCE
//       SAVEDATESUPPORTED, from the store's save date: when APPEND, COPY or MOVE put the
//       message into this mailbox (COPY and MOVE keep the internal date, not the save date).
// - [x] CHECK, CLOSE (silent expunge when read-write), EXPUNGE, UID EXPUNGE (RFC 4315)
// - [x] SEARCH / UID SEARCH with the full key grammar, CHARSET US-ASCII and UTF-8
//       (BADCHARSET otherwise), ESEARCH RETURN (MIN MAX COUNT ALL) (RFC 4731), MODSEQ,
//       OLDER/YOUNGER against ServerConfig::now (WITHIN, RFC 5032)
// - [x] SORT / UID SORT (RFC 5256 §3) with DISPLAYFROM DISPLAYTO (SORT=DISPLAY, RFC 5957)
//       and RETURN (MIN MAX COUNT ALL) (ESORT, RFC 5267); THREAD / UID THREAD with
//       ORDEREDSUBJECT and REFERENCES (RFC 5256 §3) — server_sort.cpp
// - [x] SEARCHRES (RFC 5182): SEARCH/SORT RETURN (SAVE) and "$" in every command that takes
//       a message set, kept per selected mailbox (search_save.hpp)
// - [x] FETCH / UID FETCH: FLAGS UID INTERNALDATE RFC822.SIZE MODSEQ and the items that
//       need the message (message_view.hpp); BODY[] without PEEK sets \Seen; CHANGEDSINCE
//       and VANISHED (RFC 7162 §3.1.4, §3.2.6)
// - [x] STORE / UID STORE +FLAGS -FLAGS FLAGS .SILENT, UNCHANGEDSINCE with [MODIFIED ...]
// - [x] COPY / UID COPY with COPYUID, MOVE / UID MOVE (RFC 6851), TRYCREATE
// - [x] GETQUOTA GETQUOTAROOT (RFC 9208, one root "" per account); SETQUOTA answers NO
// - [x] other sessions' changes: queued from the store's ChangeNotifier (own changes
//       skipped by Origin) and told at command completion, at once during IDLE, and
//       never an EXPUNGE/VANISHED while answering FETCH, STORE or SEARCH (RFC 3501 §7.4.1);
//       flag changes and new messages are told before a command's own answers
// - [x] a message another session expunged stays fetchable until this session tells the
//       EXPUNGE (RFC 2180 §4.1.1): the store hands its octets along (kMaxRetainedOctets)
// - [x] new keywords announced in FLAGS and PERMANENTFLAGS before a FETCH shows them
//       (RFC 3501 §7.2.6)
// - [x] changes other programs make on disk: looked for before every command that may
//       answer with EXPUNGE, and every external_change_poll during IDLE
// - [x] \Recent for the first session that sees a message (RecentClaims, shared by
//       the sessions of one store through ServerConfig::recent); EXAMINE shows it
//       without claiming it
// - [x] ESEARCH MODSEQ (RFC 7162 §3.1.5); the first CONDSTORE-enabling command tells
//       HIGHESTMODSEQ
// - [x] IMAP4rev2 (RFC 9051) advertised beside IMAP4rev1; after ENABLE IMAP4rev2 (Appendix E):
//       no \Recent and no RECENT, no [UNSEEN] at SELECT, SEARCH answered as ESEARCH, a name
//       there only for its children listed \NonExistent, OK [CLOSED] when a SELECT replaces
//       the selected mailbox, mailbox names in UTF-8 (utf8_mailbox_names.hpp; the store keeps
//       modified UTF-7), UTF-8 in quoted strings, an untagged LIST for the mailbox at
//       SELECT/EXAMINE (§6.3.2), explanations citing RFC 9051 (rfc9051_sections.hpp); LSUB,
//       STATUS RECENT and the RECENT/NEW/OLD search keys refused with BAD (rev2_refusals.hpp)
// - [ ] not yet: Unicode case folding in
//       SEARCH, the QRESYNC
//       sequence-match hint (accepted, ignored), NOTIFY, METADATA, ACL, per-mailbox quota
//       roots, a vanished-UID history (SELECT QRESYNC reports every UID below UIDNEXT that
//       is gone; see select_qresync)
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "protocols/core/session_base.hpp"
#include "protocols/imap/command.hpp"
#include "protocols/imap/command_reader.hpp"
#include "protocols/imap/command_table.hpp"
#include "protocols/imap/recent_claims.hpp"
#include "protocols/imap/response_writer.hpp"
#include "protocols/imap/selected_mailbox.hpp"
#include "protocols/store/mail_store.hpp"

namespace maillab::protocols::imap {

// Consecutive BAD answers after which the server gives up on the client.
inline constexpr std::size_t kMaxBadCommands = 20;
// RFC 3501 §5.4: the autologout timer must be at least 30 minutes.
inline constexpr std::chrono::minutes kAutologout{30};
// Dovecot's auth_failure_delay: each failed login holds its NO back this much longer.
inline constexpr std::chrono::milliseconds kDefaultAuthFailureDelay = std::chrono::seconds{2};
// The longest a failed login's answer is held back (Dovecot's AUTH_PENALTY_MAX_SECS).
inline constexpr std::chrono::milliseconds kMaxAuthFailureDelay = std::chrono::seconds{15};

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
    std::chrono::milliseconds auth_failure_delay = kDefaultAuthFailureDelay;
    // Shared by copies of one config, so sessions of one store agree on \Recent.
    std::shared_ptr<RecentClaims> recent = std::make_shared<RecentClaims>();
    // Seconds since 1970, from the owner's clock: the date of an APPEND without one,
    // and what OLDER/YOUNGER count back from. Required with a store (the constructor
    // throws std::invalid_argument without it); the simulator sets its own clock here
    // so that runs are reproducible.
    std::function<std::int64_t()> now;
    // How often a session in IDLE looks for messages other programs added to or
    // removed from the store's disk (a delivery agent, a local mail reader);
    // empty: never, for a store only sessions change (the simulator's).
    std::optional<std::chrono::milliseconds> external_change_poll;
    // How many FETCH responses of one command get a trace event each; the rest are
    // counted in one event after them (their bytes are sent all the same). Empty:
    // every one, as the simulator needs for lessons that step through them; serve
    // bounds it, since a FETCH 1:* of 100,000 messages spent most of its time on
    // 100,000 events.
    std::optional<std::size_t> traced_fetch_lines;
};

class ServerSession : public core::SessionBase {
public:
    // `store` may be null: mailbox commands then answer NO [UNAVAILABLE]. With a
    // store, config.now must be set.
    ServerSession(ServerConfig config, const CredentialCheck& credentials,
                  store::MailStore* store = nullptr);
    ServerSession(const ServerSession&) = delete;
    ServerSession& operator=(const ServerSession&) = delete;

    void start() override;
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;
    // After a failed login: failed_logins() x auth_failure_delay, at most
    // kMaxAuthFailureDelay; zero after any other receive(). The owner holds
    // the answer back this long (the session has no clock).
    std::chrono::milliseconds output_delay() const override { return answer_delay_; }

    ServerState state() const { return state_; }
    std::size_t failed_logins() const { return failed_logins_; }
    const std::string& user() const { return user_; }
    bool idling() const { return !idle_tag_.empty(); }
    // The selected mailbox's name, empty when none is selected.
    std::string selected() const;
    std::string capabilities() const;

private:
    void process();
    void on_line(const std::string& line);
    void on_command(const TaggedCommand& command);
    void run(const TaggedCommand& command);
    // The handlers: one overload per Command alternative, called through std::visit
    // once the command table's row allowed the command (a missing one does not build).
    void handle(const std::string& tag, const CapabilityCmd& command);
    void handle(const std::string& tag, const NoopCmd& command);
    void handle(const std::string& tag, const LogoutCmd& command);
    void handle(const std::string& tag, const StartTlsCmd& command);
    void handle(const std::string& tag, const AuthenticateCmd& command);
    void handle(const std::string& tag, const LoginCmd& command);
    void handle(const std::string& tag, const IdCmd& command);
    void handle(const std::string& tag, const EnableCmd& command);
    void handle(const std::string& tag, const NamespaceCmd& command);
    void handle(const std::string& tag, const IdleCmd& command);
    void handle(const std::string& tag, const SelectCmd& command) { select(tag, command); }
    void handle(const std::string& tag, const ListCmd& command) { list(tag, command); }
    void handle(const std::string& tag, const StatusCmd& command) { status(tag, command); }
    void handle(const std::string& tag, const UnselectCmd& command);
    void handle(const std::string& tag, const CheckCmd& command);
    void handle(const std::string& tag, const CloseCmd&) { close(tag); }
    void handle(const std::string& tag, const AppendCmd& command) { append(tag, command); }
    void handle(const std::string& tag, const ExpungeCmd& command) { expunge(tag, command); }
    void handle(const std::string& tag, const FetchCmd& command) { fetch(tag, command); }
    void handle(const std::string& tag, const SearchCmd& command) { search(tag, command); }
    void handle(const std::string& tag, const SortCmd& command) { sort(tag, command); }
    void handle(const std::string& tag, const ThreadCmd& command) { thread(tag, command); }
    void handle(const std::string& tag, const StoreCmd& command) { store_flags(tag, command); }
    void handle(const std::string& tag, const CopyCmd& command) { copy(tag, command); }
    // server_mailbox_commands.cpp
    void handle(const std::string& tag, const CreateCmd& command);
    void handle(const std::string& tag, const DeleteCmd& command);
    void handle(const std::string& tag, const RenameCmd& command);
    void handle(const std::string& tag, const SubscribeCmd& command);
    // OK with `done`, or the store's failure.
    void answer(const std::string& tag, const store::Status& result, std::string_view done);
    // server_message_commands.cpp
    void handle(const std::string& tag, const GetQuotaCmd& command);
    void handle(const std::string& tag, const GetQuotaRootCmd& command);
    void handle(const std::string& tag, const SetQuotaCmd& command);
    void finish_plain(const std::string& tag, std::string_view base64);
    void login(const std::string& tag, std::string_view user, std::string_view password);
    void login_failed(const std::string& tag, CodeKind code, std::string_view text);

    // server_mailbox_commands.cpp
    void select(const std::string& tag, const SelectCmd& command);
    void select_qresync(const QresyncParams& params, std::uint32_t uidnext);
    void status(const std::string& tag, const StatusCmd& command);
    std::optional<std::vector<std::pair<std::string, std::uint64_t>>> status_items(
        std::string_view mailbox, const std::vector<std::string>& items);
    void deselect();
    // server_list.cpp
    void list(const std::string& tag, const ListCmd& command);
    // A mailbox's LIST attributes (LSUB shows only \Noselect).
    std::vector<std::string> list_attributes(const store::MailboxInfo& mailbox, bool lsub) const;
    // IMAP4rev2's untagged LIST for the mailbox a SELECT or EXAMINE opens (RFC 9051 §6.3.2).
    void selected_list_response(std::string_view name);
    // server_append.cpp
    void append(const std::string& tag, const AppendCmd& command);
    // server_message_commands.cpp
    void close(const std::string& tag);
    void expunge(const std::string& tag, const ExpungeCmd& command);
    void store_flags(const std::string& tag, const StoreCmd& command);
    void copy(const std::string& tag, const CopyCmd& command);
    // GETQUOTA and GETQUOTAROOT: the one root's usage, then `done`.
    void quota_usage(const std::string& tag, std::string_view done);
    // server_fetch.cpp
    void fetch(const std::string& tag, const FetchCmd& command);
    // server_search.cpp
    void search(const std::string& tag, const SearchCmd& command);
    struct SearchMatches {
        std::vector<std::uint32_t> seqs;  // ascending
        std::uint64_t highest_modseq = 0;
        bool modseq = false;  // the criteria had a MODSEQ key
    };
    // The messages that match; nothing when a NO or BAD has been sent instead.
    std::optional<SearchMatches> search_messages(const std::string& tag,
                                                 const std::optional<std::string>& charset,
                                                 const SearchKey& criteria);
    // server_sort.cpp
    void sort(const std::string& tag, const SortCmd& command);
    void thread(const std::string& tag, const ThreadCmd& command);

    // Message set of a command in the selected mailbox; a BAD has been sent when empty.
    std::optional<std::vector<std::uint32_t>> resolve(const std::string& tag,
                                                      const SequenceSet& set, bool uid);
    void store_failure(const std::string& tag, const store::StoreError& error);
    void on_change(const store::Change& change);
    void flush_updates();
    // A CONDSTORE-enabling command (FETCH MODSEQ, STORE UNCHANGEDSINCE, SEARCH MODSEQ)
    // turns it on; the first one tells the mailbox's HIGHESTMODSEQ (RFC 7162 §3.1).
    void enable_condstore_by_command();
    // Brings the selected mailbox up to date with changes other programs made on
    // disk; what they changed arrives through on_change like other sessions' changes.
    void look_for_external_changes();
    // Tells the client of keywords in `flags` it has not seen in a FLAGS response yet.
    void announce_keywords(const store::Flags& flags);
    UpdateStyle update_style() const { return {condstore_, qresync_, !rev2_}; }
    // IMAP4rev2 has no \Recent (RFC 9051 Appendix E).
    bool shows_recent(const SelectedMessage& m) const { return m.recent && !rev2_; }
    // A store name as the client reads it: UTF-8 under IMAP4rev2 (RFC 9051 §5.1).
    std::string client_name(std::string_view name) const;
    // Every event's explanation cites the RFC the session speaks, RFC 9051 once
    // IMAP4rev2 is enabled; these hide SessionBase's.
    void emit(core::EventKind kind, std::string text, core::Explanation why = {});
    void mark_closed(std::string reason, core::Explanation why = {});
    void data(std::string line, std::string_view name);
    void reply(std::string_view tag, Status status, const std::optional<ResponseCode>& code,
               std::string_view text);
    void untagged(std::string text, std::string_view name);
    void bad(std::string_view tag, std::string_view text);
    void set_state(ServerState state);
    bool auth_allowed() const { return config_.tls_active || config_.plaintext_auth; }

    ServerConfig config_;
    const CredentialCheck& credentials_;
    store::MailStore* store_;
    store::Origin origin_ = store::kExternalOrigin;
    std::unique_ptr<SelectedMailbox> selected_;
    store::Subscription subscription_;
    CommandReader reader_;
    ServerState state_ = ServerState::NotAuthenticated;
    std::string user_;
    std::string auth_tag_;  // AUTHENTICATE waiting for the client's response line
    std::string idle_tag_;  // IDLE waiting for DONE
    std::size_t bad_count_ = 0;
    std::size_t failed_logins_ = 0;
    std::chrono::milliseconds answer_delay_{0};
    bool condstore_ = false;                    // CONDSTORE enabled (RFC 7162 §3.1)
    bool qresync_ = false;                      // QRESYNC enabled (RFC 7162 §3.2.3)
    bool rev2_ = false;                         // IMAP4rev2 enabled (RFC 9051 Appendix E)
    bool utf8_accept_ = false;                  // UTF8=ACCEPT enabled (RFC 6855 §3)
    bool expunge_allowed_ = true;               // false while answering FETCH, STORE, SEARCH
    std::chrono::milliseconds idle_polled_{0};  // since the client last spoke, polling in IDLE
};

}  // namespace maillab::protocols::imap
