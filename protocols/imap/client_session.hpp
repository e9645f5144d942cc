// IMAP client session: the sans-I/O engine simulated devices use, behaving
// like an offline-capable desktop client (Thunderbird) on top of the cache
// in client_cache.hpp. One command at a time, in this order:
//   1. greeting; CAPABILITY when the greeting carried none (RFC 3501 §6.1.1)
//   2. STARTTLS per TlsPolicy (RFC 3501 §6.2.1); Required and not offered:
//      LOGOUT without sending the password; CAPABILITY again after TLS
//   3. login, one rule: AUTHENTICATE PLAIN with the credentials on the same
//      line when AUTH=PLAIN and SASL-IR are both advertised (RFC 4959);
//      otherwise LOGIN, unless LOGINDISABLED, where AUTHENTICATE PLAIN
//      after the "+" continuation is the last resort; CAPABILITY after
//      login when the OK carried no [CAPABILITY]
//   4. ENABLE QRESYNC when advertised (RFC 7162 §3.2.3)
//   5. LIST "" "*" into cache.folders
//   6. replay cache.pending in order (RFC 4549 §4): SELECT, UID SEARCH UID
//      to learn which of the action's UIDs still exist (the others are
//      dropped, counted in report.dropped and told in a Note), then UID
//      STORE / UID MOVE (or UID COPY + UID STORE \Deleted + expunge) / UID
//      EXPUNGE (UIDPLUS) or EXPUNGE / CREATE. An action leaves the queue
//      when the server confirmed it, or refused it with NO (it would be
//      refused forever); BAD, BYE, a timeout or a drop leave it queued.
//   7. each job task: SELECT with (QRESYNC (uidvalidity modseq)) when
//      QRESYNC is on and the cache has both, else (CONDSTORE) when
//      advertised, else plain; resync (UIDVALIDITY changed: drop the
//      mailbox's cache; flags: UID FETCH 1:* (UID FLAGS) [(CHANGEDSINCE m)];
//      removals: VANISHED (EARLIER) with QRESYNC, else UID SEARCH ALL
//      against the cache; new mail: UID FETCH uidnext:* (UID FLAGS [MODSEQ]
//      BODY.PEEK[])); the mailbox's uidnext and HIGHESTMODSEQ are stored
//      only when the resync finished, so an interrupted one is redone.
//      Then the task: Read (UID FETCH u (BODY[]); \Seen comes back in the
//      server's FETCH FLAGS), SetFlags/ClearFlags/Delete (UID STORE),
//      Expunge (UID EXPUNGE of the cached \Deleted set with UIDPLUS, else
//      EXPUNGE), Move (UID MOVE, or UID COPY + UID STORE + expunge; COPYUID
//      puts the copies into a cached target), Search (UID SEARCH into
//      report.search_results), Create (CREATE), Idle (see below), Sort (UID
//      SORT (program) UTF-8 ALL into report.sort_results), Thread (UID THREAD
//      REFERENCES UTF-8 ALL into report.threads, RFC 5256). Append needs no
//      SELECT: APPEND mailbox (flags) with the message as a LITERAL+ literal
//      when offered, else a synchronising one sent after the "+" (RFC 3501
//      §6.3.11); the APPENDUID code's UID goes to report.appended. NO/BAD on
//      a task: a Note, the next task.
//   8. LOGOUT.
// Untagged EXISTS, EXPUNGE, VANISHED and FETCH update the cache whenever
// they come. Every cache change is a CacheChange and a Note event.
// Idle (RFC 2177), when the server offers IDLE: IDLE, and once the server's
// "+" arrives the session waits. Flag changes and expunges pushed by the
// server update the cache as they come; new mail (EXISTS) makes the client
// send DONE, fetch the new messages and IDLE again, as Thunderbird does.
// It ends when the host calls stop_idle() (the device's user stops waiting),
// and is renewed with DONE + IDLE every kIdleRenewal because servers may drop
// a connection idle for 30 minutes (RFC 2177 §3).
// Not done: APPEND while offline (nothing is queued), mailbox names are used as on the wire
// (modified UTF-7 is not decoded), LOGIN with 8-bit credentials (they need a literal).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "protocols/core/session_base.hpp"
#include "protocols/core/tls_policy.hpp"
#include "protocols/imap/client_cache.hpp"
#include "protocols/imap/response_parser.hpp"

namespace maillab::protocols::imap {

// Messages a selected mailbox may report (EXISTS) before the client gives up:
// it keeps a UID per message number.
inline constexpr std::uint32_t kMaxMailboxMessages = 1000000;
// How long the client waits for any response before giving up.
inline constexpr std::chrono::milliseconds kClientReplyTimeout = std::chrono::minutes{5};
// How long one IDLE lasts before the client renews it (RFC 2177 §3: under 30 minutes).
inline constexpr std::chrono::milliseconds kIdleRenewal = std::chrono::minutes{29};

using core::TlsPolicy;

struct ClientJob {
    std::string user, password;
    TlsPolicy tls = TlsPolicy::IfOffered;
    bool tls_active = false;  // implicit TLS (port 993): secure from the first byte
    std::vector<ClientTask> tasks;
    std::string device = "client";  // names the cache in Note events ("laptop cache: ...")
    std::size_t max_messages = kMaxCachedMessages;  // per cached mailbox
};

struct ClientReport {
    bool logged_in = false;
    bool tls_used = false;
    bool completed = false;                     // every step done and LOGOUT answered
    std::string error;                          // why the session stopped early, if it did
    std::vector<std::uint32_t> search_results;  // UIDs
    std::vector<std::uint32_t> sort_results;    // UIDs in the order the server sorted them
    std::string threads;  // UIDs as the THREAD response nests them: "(1 2 (3)(4))(5)"
    std::vector<std::uint32_t> appended;  // UIDs of APPENDUID (RFC 4315 §3)
    std::size_t replayed = 0;             // pending actions the server confirmed
    std::size_t dropped = 0;              // pending actions dropped (UID gone, or NO)
};

class ClientSession : public core::SessionBase {
public:
    // The cache outlives the session.
    ClientSession(ClientJob job, ClientCache& cache);

    void start() override {}
    void receive(std::string_view bytes) override;
    std::optional<std::chrono::milliseconds> timeout() const override;
    void on_timeout() override;
    void on_peer_closed() override;
    void on_tls_established() override;

    const ClientReport& report() const { return report_; }
    // Ends an Idle task (DONE if the server is idling, else the task is skipped when
    // reached); the session then goes on with the next task. The host flushes after.
    void stop_idle();
    // True while the server has accepted IDLE and the client waits.
    bool idling() const { return purpose_ == Purpose::Idle && idle_.accepted && !idle_.done_sent; }
    // Cache changes since the last call, in order.
    std::vector<CacheChange> take_changes() { return std::exchange(changes_, {}); }

private:
    enum class Purpose {
        Greeting,
        Capability,
        StartTls,
        AwaitTls,
        Login,
        Enable,
        List,
        Select,
        Existing,  // UID SEARCH UID <set> before a replay
        Replay,
        FlagSync,
        UidList,
        FetchNew,
        Commit,   // local: store the finished resync
        BeginOp,  // local: resolve the task's messages and queue its commands
        Task,
        Idle,
        Logout,
        Done,
    };
    struct Step {
        Purpose purpose = Purpose::Task;
        std::string command;   // without tag; empty for local steps
        std::string mailbox;   // Select: the mailbox it opens
        bool qresync = false;  // Select: with QRESYNC parameters
    };
    enum class Outcome { Done, Dropped, Kept };
    struct WorkItem {
        ClientTask task;
        bool replay = false;
    };
    struct Selected {  // what this session knows of the selected mailbox
        std::string name;
        std::uint32_t uidvalidity = 0;
        std::uint32_t uidnext = 0;
        std::uint64_t highest_modseq = 0;
        std::uint32_t exists = 0;
        std::vector<std::uint32_t> seq_uids;  // UID by message number - 1; 0 unknown
        bool qresync = false;                 // selected with QRESYNC parameters
        bool synced = false;
        bool uidvalidity_changed = false;
    };

    // client_session.cpp
    void on_response(const ServerResponse& r);
    void on_tagged(const ServerResponse& r);
    void send_command(Purpose purpose, std::string command);
    void advance();
    void fail(std::string error);   // LOGOUT politely, nothing more
    void abort(std::string error);  // close at once
    void finish(std::string reason);
    void note(std::string text, core::Explanation why);
    bool has_capability(std::string_view name) const;
    void set_capabilities(const std::vector<Value>& values);

    // client_login.cpp
    void after_greeting(const ServerResponse& r);
    void after_capability();
    void begin_login();
    void after_login(const ServerResponse& r);
    void after_logged_in();
    void after_setup_step(const ServerResponse& r);
    void on_continuation(const ServerResponse& r);

    // client_sync.cpp
    void on_untagged(const ServerResponse& r);
    void on_untagged_code(const ParsedCode& code);
    void on_fetch(const ServerResponse& r);
    void remove_uid(std::uint32_t uid);
    void after_select(const ServerResponse& r);
    void after_sync_step(const ServerResponse& r);
    void commit_sync();
    MailboxCache& selected_cache();
    void record(CacheChange change);

    // client_tasks.cpp
    void start_item(const WorkItem& item);
    void finish_item();
    void fail_item(const ServerResponse& r, const std::string& what);
    void begin_op();
    void after_existing(const ServerResponse& r);
    void after_task_step(const ServerResponse& r);
    void queue_operation(const ClientTask& task, const std::vector<std::uint32_t>& uids,
                         Purpose purpose);
    void apply_copyuid(const ParsedCode& code);

    // client_idle.cpp
    void begin_idle();
    void on_idle_continuation();
    void after_idle(const ServerResponse& r);
    void end_idle_if_needed();
    void send_done(std::string_view why);

    ClientJob job_;
    ClientCache& cache_;
    ResponseReader reader_;
    Purpose purpose_ = Purpose::Greeting;  // of the command in flight
    std::string tag_;                      // of the command in flight
    std::string command_;                  // in flight, for explanations
    std::size_t tag_counter_ = 0;
    std::set<std::string> capabilities_;
    bool capabilities_known_ = false;
    bool preauth_ = false;
    bool qresync_enabled_ = false;
    bool bye_ = false;
    bool failing_ = false;
    std::vector<std::string> listed_;
    std::vector<std::uint32_t> search_;  // numbers of the last SEARCH/ESEARCH/SORT
    std::string threads_;                // the last THREAD response, as report.threads
    std::size_t task_octets_ = 0;        // response octets a task's commands brought
    std::string literal_;                // APPEND's message, sent after the server's "+"
    std::deque<Step> steps_;
    std::vector<WorkItem> work_;
    std::size_t work_index_ = 0;
    bool item_started_ = false;
    Outcome item_outcome_ = Outcome::Done;
    std::size_t pending_kept_ = 0;          // pending actions kept at the front of cache.pending
    std::vector<std::uint32_t> item_uids_;  // UIDs the current item acts on
    Selected selected_;
    ClientReport report_;
    std::vector<CacheChange> changes_;
    bool cache_full_noted_ = false;
    bool fetch_search_ = false;  // a Fetch task's UID SEARCH SUBJECT is under way
    struct IdleState {
        bool accepted = false;   // the server's "+" arrived
        bool done_sent = false;  // DONE sent, the tagged OK not yet back
        bool stop = false;       // stop_idle() was called
    } idle_;
};

}  // namespace maillab::protocols::imap
