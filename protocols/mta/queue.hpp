// Queue: the store-and-forward heart of the MTA. It holds each accepted
// message with per-recipient state and decides, from the results the caller
// feeds back, what happens next. It is pure logic: no sockets, no clock, no
// threads. The simulator (or the real-socket bridge) asks what is due, routes
// each domain (router.hpp), runs the SMTP client sessions or the local store
// delivery, and reports every outcome with record_result. Each state change is
// returned as a QueueChange value, with an explanation, for the trace.
//
// Implemented:
//  [x] enqueue with deterministic ids (1, 2, 3 ..., shown as Postfix-style hex)
//  [x] persistence: with a directory, the entry is on disk (atomic write + fsync)
//      before enqueue returns, so the caller answers 250 only for safe mail;
//      every result rewrites it (an attempt is saved with its result, not when it
//      starts); finished entries are removed; open()
//      reloads after a crash, moving damaged files aside (queue_directory.hpp);
//      or, under a group commit, durable at the owner's next commit, before
//      it lets the 250 out (defer_syncs_to)
//  [x] due(now): one Delivery per (entry, recipient domain); dispatched
//      recipients are "in flight" until their result is recorded
//  [x] per-recipient results: 2xx delivered, 4xx deferred to the next retry,
//      5xx bounced at once (RFC 5321 §4.2.1, §4.5.4.1); a connection failure or
//      routing problem applies one reply to all of the domain's recipients
//  [x] retry schedule and queue lifetime (retry_schedule.hpp); after the
//      lifetime a recipient bounces with 4.4.7 (RFC 3463), by expire(now) or
//      at its next failure
//  [x] DSNs (dsn.hpp) queued as new messages from <>: failures, successes for
//      NOTIFY=SUCCESS (delivered, or relayed to a server without DSN), delay
//      warnings for NOTIFY=DELAY after the configured time; none for a <> sender
//  [x] local domains: the router says Local; the caller stores the message
//      (with add_return_path, return_path.hpp) and records a FinalDelivery
//  [x] flush(domain): ETRN (RFC 1985) makes the domain's waiting recipients due now
//  [ ] in-flight deliveries are not persisted: after a crash they are retried,
//      so a recipient may get a message twice (at-least-once, as in Postfix)
//  [ ] no double-bounce to postmaster when a DSN itself cannot be delivered
//  [ ] no per-destination concurrency limits or connection caching
//  [ ] ETRN's "@domain" form (RFC 1985 §5: the domain and its subdomains)
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/core/explanation.hpp"
#include "protocols/mta/date_format.hpp"
#include "protocols/mta/dsn.hpp"
#include "protocols/mta/envelope.hpp"
#include "protocols/mta/queue_change.hpp"
#include "protocols/mta/queue_directory.hpp"
#include "protocols/mta/retry_schedule.hpp"

namespace maillab::protocols::mta {

// One delivery to attempt: the recipients of one entry in one domain.
struct Delivery {
    QueueId id = 0;
    std::string domain;  // lower case; "" for addresses without a domain
    std::string sender;
    std::vector<std::string> recipients;
    int attempt = 1;  // 1 for the first try
};

struct RecipientResult {
    std::string address;
    SmtpReply reply;  // the RCPT reply, or the DATA reply when RCPT was accepted
};

// Who is responsible for the message after a 2xx (RFC 3461 §6.2).
enum class Handoff {
    FinalDelivery,       // stored in the mailbox here: "delivered"
    RelayedToDsnServer,  // the next server speaks DSN and will report: no notice from us
    RelayedWithoutDsn,   // the next server cannot report: "relayed"
};

struct DeliveryResult {
    // Set: the same reply for every recipient of the domain — a connection
    // failure ("421 4.4.1 connection timed out") or a routing answer (null MX).
    std::optional<SmtpReply> whole_domain;
    std::vector<RecipientResult> recipients;
    std::string remote_mta;  // the host that answered, for Remote-MTA
    Handoff handoff = Handoff::RelayedToDsnServer;
};

struct QueueConfig {
    RetrySchedule schedule;
    std::string hostname = "localhost";  // Reporting-MTA and MAILER-DAEMON@hostname
    std::int64_t epoch_unix_seconds = kDefaultWorldEpochUnixSeconds;
};

class Queue {
public:
    explicit Queue(QueueConfig config = {}) : config_{std::move(config)} {}
    // Move-only: two copies would both write the same queue directory.
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;
    Queue(Queue&&) = default;
    Queue& operator=(Queue&&) = default;

    // A queue kept in `dir`: creates it if needed and loads what is there.
    struct Opened;
    static Opened open(const std::filesystem::path& dir, QueueConfig config = {});

    struct Enqueued {
        QueueId id = 0;
        std::string error;  // non-empty: NOT queued (answer 451 4.3.0, not 250)
        std::vector<QueueChange> changes;
        bool ok() const { return error.empty(); }
    };
    Enqueued enqueue(Envelope envelope, VirtualTime now);

    struct Due {
        std::vector<Delivery> deliveries;
        std::vector<QueueChange> changes;  // one Attempt per delivery
    };
    Due due(VirtualTime now);

    std::vector<QueueChange> record_result(QueueId id, std::string_view domain,
                                           const DeliveryResult& result, VirtualTime now);
    std::vector<QueueChange> expire(VirtualTime now);
    // The process died and the queue was only in memory: every entry is gone.
    // Returns the ids that were lost (the caller tells the world).
    std::vector<QueueId> lose_all();
    // The process stopped with deliveries under way: their results will never
    // come. Their recipients become due again at once (at-least-once, as when a
    // persistent queue is reloaded after a crash). Returns how many were under way.
    std::size_t abandon_in_flight();
    // ETRN: the domain's waiting recipients become due now; returns how many.
    std::size_t flush(std::string_view domain, VirtualTime now);

    const QueueEntry* find(QueueId id) const;
    const std::map<QueueId, QueueEntry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }
    // When the caller should next call due()/expire(); nullopt when idle.
    std::optional<VirtualTime> next_wakeup() const;
    bool persistent() const { return directory_.has_value(); }
    // A persistent queue's writes wait for the group's commits (queue_directory.hpp).
    void defer_syncs_to(durable::GroupCommit& group) {
        if (directory_) directory_->defer_syncs_to(group);
    }
    const QueueConfig& config() const { return config_; }

private:
    using FlightKey = std::pair<QueueId, std::string>;

    std::string persist(const QueueEntry& entry);
    void persist_or_report(QueueEntry& entry, std::vector<QueueChange>& changes);
    void finish_entry(QueueId id, std::vector<QueueChange>& changes);
    void send_dsns(const Envelope& original, const std::vector<DsnReport>& reports, VirtualTime now,
                   std::vector<QueueChange>& changes);
    bool in_flight(QueueId id, const std::string& domain) const;
    bool expired(const Envelope& env, VirtualTime now) const {
        return config_.schedule.expired(env.arrival, now);
    }

    QueueConfig config_;
    std::optional<QueueDirectory> directory_;
    std::map<QueueId, QueueEntry> entries_;
    std::map<FlightKey, std::vector<std::size_t>> in_flight_;  // → recipient indexes
    QueueId next_id_ = 1;
};

struct Queue::Opened {
    Queue queue;
    std::vector<std::string> notes;  // files cleaned up or moved aside while loading
    // Non-empty: the directory is unusable and `queue` is NOT persistent; the
    // caller must not accept mail it promised to keep on disk.
    std::string error;
};

}  // namespace maillab::protocols::mta
