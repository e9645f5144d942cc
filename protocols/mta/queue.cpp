#include "protocols/mta/queue.hpp"

#include <algorithm>
#include <limits>

namespace maillab::protocols::mta {

namespace {

QueueChange make_change(ChangeKind kind, QueueId id, std::string recipient, SmtpReply reply) {
    QueueChange change;
    change.kind = kind;
    change.id = id;
    change.recipient = std::move(recipient);
    change.why = explain_change(kind, reply);
    change.reply = std::move(reply);
    return change;
}

const SmtpReply* find_reply(const DeliveryResult& result, const std::string& address) {
    const std::string wanted = lower_ascii(address);
    for (const auto& r : result.recipients) {
        if (lower_ascii(r.address) == wanted) return &r.reply;
    }
    return nullptr;
}

std::string status_or(const SmtpReply& reply, std::string_view fallback) {
    return reply.enhanced.empty() ? std::string{fallback} : reply.enhanced;
}

// The DSN reports produced by one step, grouped so each DSN has one purpose.
struct DsnBatch {
    std::vector<DsnReport> failed;
    std::vector<DsnReport> delayed;
    std::vector<DsnReport> succeeded;
};

}  // namespace

Queue::Opened Queue::open(const std::filesystem::path& dir, QueueConfig config) {
    Opened opened{Queue{std::move(config)}, {}, {}};
    QueueDirectory directory{dir};
    opened.error = directory.open();
    if (!opened.error.empty()) return opened;
    auto loaded = directory.load();
    opened.notes = std::move(loaded.notes);
    opened.queue.next_id_ = loaded.highest_id + 1;
    for (auto& entry : loaded.entries) {
        const QueueId id = entry.envelope.id;
        opened.queue.next_id_ = std::max(opened.queue.next_id_, id + 1);
        opened.queue.entries_.emplace(id, std::move(entry));
    }
    opened.queue.directory_ = std::move(directory);
    return opened;
}

std::string Queue::persist(const QueueEntry& entry) {
    if (!directory_) return "";
    return directory_->write(entry);
}

void Queue::persist_or_report(QueueEntry& entry, std::vector<QueueChange>& changes) {
    if (auto error = persist(entry); !error.empty()) {
        auto change = make_change(ChangeKind::StorageError, entry.envelope.id, "", {});
        change.note = std::move(error);
        changes.push_back(std::move(change));
    }
}

Queue::Enqueued Queue::enqueue(Envelope envelope, VirtualTime now) {
    Enqueued result;
    result.id = next_id_++;
    envelope.id = result.id;
    envelope.arrival = now;
    for (auto& r : envelope.recipients) {
        r.state = RecipientState::Pending;
        r.next_attempt = now;
    }
    QueueEntry entry{std::move(envelope), -1};
    result.error = persist(entry);
    if (!result.error.empty()) {
        auto change = make_change(ChangeKind::StorageError, result.id, "", {});
        change.note = result.error;
        result.changes.push_back(std::move(change));
        return result;
    }
    std::string rcpts;
    for (const auto& r : entry.envelope.recipients)
        rcpts += (rcpts.empty() ? "" : ",") + r.address;
    auto change = make_change(ChangeKind::Queued, result.id, rcpts, {});
    change.note = "from <" + entry.envelope.sender + ">";
    result.changes.push_back(std::move(change));
    entries_.emplace(result.id, std::move(entry));
    return result;
}

bool Queue::in_flight(QueueId id, const std::string& domain) const {
    return in_flight_.contains(FlightKey{id, domain});
}

Queue::Due Queue::due(VirtualTime now) {
    Due result;
    for (auto& [id, entry] : entries_) {
        std::map<std::string, std::vector<std::size_t>> by_domain;
        auto& recipients = entry.envelope.recipients;
        for (std::size_t i = 0; i < recipients.size(); ++i) {
            const Recipient& r = recipients[i];
            if (r.done() || r.next_attempt > now) continue;
            std::string domain = domain_of(r.address);
            if (in_flight(id, domain)) continue;
            by_domain[std::move(domain)].push_back(i);
        }
        if (by_domain.empty()) continue;
        if (entry.first_attempt < 0) entry.first_attempt = now;
        for (auto& [domain, indexes] : by_domain) {
            Delivery delivery{id, domain, entry.envelope.sender, {}, 1};
            for (std::size_t i : indexes) {
                Recipient& r = recipients[i];
                r.attempts += 1;
                r.last_attempt = now;
                delivery.attempt = std::max(delivery.attempt, r.attempts);
                delivery.recipients.push_back(r.address);
            }
            auto change = make_change(ChangeKind::Attempt, id, "", {});
            change.domain = domain;
            change.note = "attempt " + std::to_string(delivery.attempt) + " for " +
                          std::to_string(indexes.size()) + " recipient(s)";
            result.changes.push_back(std::move(change));
            result.deliveries.push_back(std::move(delivery));
            in_flight_.emplace(FlightKey{id, domain}, std::move(indexes));
        }
        // Not written to disk here: an attempt's count and time are saved with its
        // result, and an attempt cut short by a crash is simply made again. Two fsyncs
        // per message fewer.
    }
    return result;
}

std::vector<QueueId> Queue::lose_all() {
    std::vector<QueueId> lost;
    for (const auto& [id, entry] : entries_)
        lost.push_back(id);
    entries_.clear();
    in_flight_.clear();
    return lost;
}

std::size_t Queue::abandon_in_flight() {
    const std::size_t n = in_flight_.size();
    in_flight_.clear();
    return n;
}

std::vector<QueueChange> Queue::record_result(QueueId id, std::string_view domain_in,
                                              const DeliveryResult& result, VirtualTime now) {
    std::vector<QueueChange> changes;
    const std::string domain = lower_ascii(domain_in);
    const auto flight = in_flight_.find(FlightKey{id, domain});
    const auto found = entries_.find(id);
    if (flight == in_flight_.end() || found == entries_.end()) return changes;
    const std::vector<std::size_t> indexes = std::move(flight->second);
    in_flight_.erase(flight);

    QueueEntry& entry = found->second;
    Envelope& env = entry.envelope;
    const RetrySchedule& schedule = config_.schedule;
    DsnBatch dsns;
    for (std::size_t i : indexes) {
        Recipient& r = env.recipients[i];
        const SmtpReply* given =
            result.whole_domain ? &*result.whole_domain : find_reply(result, r.address);
        r.reply =
            given ? *given : SmtpReply{451, "4.3.0", "no result was reported for this recipient"};
        r.remote_mta = result.remote_mta;
        r.last_attempt = now;
        if (r.reply.positive()) {
            r.state = RecipientState::Delivered;
            r.status = status_or(r.reply, "2.0.0");
            auto change = make_change(ChangeKind::Delivered, id, r.address, r.reply);
            change.domain = domain;
            changes.push_back(std::move(change));
            const DsnAction action = result.handoff == Handoff::FinalDelivery ? DsnAction::Delivered
                                                                              : DsnAction::Relayed;
            if (result.handoff != Handoff::RelayedToDsnServer && dsn_wanted(env, r, action)) {
                dsns.succeeded.push_back(make_dsn_report(r, action));
            }
        } else if (r.reply.permanent() || expired(env, now)) {
            r.state = RecipientState::Bounced;
            r.status = r.reply.permanent() ? status_or(r.reply, "5.0.0") : "4.4.7";
            auto change = make_change(ChangeKind::Bounced, id, r.address, r.reply);
            change.domain = domain;
            if (!r.reply.permanent()) change.note = "delivery time expired";
            changes.push_back(std::move(change));
            if (dsn_wanted(env, r, DsnAction::Failed)) {
                dsns.failed.push_back(make_dsn_report(r, DsnAction::Failed));
            }
        } else {
            // 4xx, or anything that is not a valid final answer: try again later.
            r.state = RecipientState::Deferred;
            r.status = status_or(r.reply, "4.0.0");
            const VirtualTime give_up = env.arrival + schedule.lifetime;
            r.next_attempt = std::min(now + schedule.delay_after(r.attempts), give_up);
            auto change = make_change(ChangeKind::Deferred, id, r.address, r.reply);
            change.domain = domain;
            change.next_retry = r.next_attempt;
            changes.push_back(std::move(change));
            const bool warn_now = schedule.delay_warning_after > 0 &&
                                  now - env.arrival >= schedule.delay_warning_after;
            if (warn_now && !r.delay_warned && dsn_wanted(env, r, DsnAction::Delayed)) {
                r.delay_warned = true;
                DsnReport report = make_dsn_report(r, DsnAction::Delayed);
                report.will_retry_until = give_up;
                dsns.delayed.push_back(std::move(report));
            }
        }
    }
    send_dsns(env, dsns.failed, now, changes);
    send_dsns(env, dsns.delayed, now, changes);
    send_dsns(env, dsns.succeeded, now, changes);
    if (entry.done()) {
        finish_entry(id, changes);
    } else {
        persist_or_report(entry, changes);
    }
    return changes;
}

std::vector<QueueChange> Queue::expire(VirtualTime now) {
    std::vector<QueueChange> changes;
    std::vector<QueueId> finished;
    for (auto& [id, entry] : entries_) {
        Envelope& env = entry.envelope;
        if (!expired(env, now)) continue;
        std::vector<DsnReport> failed;
        bool changed = false;
        for (auto& r : env.recipients) {
            if (r.done() || in_flight(id, domain_of(r.address))) continue;
            r.state = RecipientState::Bounced;
            r.status = "4.4.7";
            changed = true;
            auto change = make_change(ChangeKind::Bounced, id, r.address, r.reply);
            change.domain = domain_of(r.address);
            change.note = "delivery time expired";
            changes.push_back(std::move(change));
            if (dsn_wanted(env, r, DsnAction::Failed)) {
                failed.push_back(make_dsn_report(r, DsnAction::Failed));
            }
        }
        if (!changed) continue;
        send_dsns(env, failed, now, changes);
        if (entry.done()) {
            finished.push_back(id);
        } else {
            persist_or_report(entry, changes);
        }
    }
    for (QueueId id : finished)
        finish_entry(id, changes);
    return changes;
}

std::size_t Queue::flush(std::string_view domain_in, VirtualTime now) {
    const std::string domain = lower_ascii(domain_in);
    std::size_t count = 0;
    for (auto& [id, entry] : entries_) {
        if (in_flight(id, domain)) continue;
        bool changed = false;
        for (auto& r : entry.envelope.recipients) {
            if (r.done() || domain_of(r.address) != domain || r.next_attempt <= now) continue;
            r.next_attempt = now;
            changed = true;
            ++count;
        }
        if (changed) {
            std::vector<QueueChange> ignored;
            persist_or_report(entry, ignored);
        }
    }
    return count;
}

void Queue::send_dsns(const Envelope& original, const std::vector<DsnReport>& reports,
                      VirtualTime now, std::vector<QueueChange>& changes) {
    if (reports.empty()) return;
    const DsnContext context{config_.hostname, now, config_.epoch_unix_seconds, next_id_};
    Envelope dsn = make_dsn_envelope(original, reports, context);
    auto queued = enqueue(std::move(dsn), now);
    auto change = make_change(ChangeKind::DsnGenerated, original.id, original.sender, {});
    change.dsn_id = queued.id;
    change.note = std::string{to_string(reports.front().action)} + " notice for " +
                  std::to_string(reports.size()) + " recipient(s)";
    if (!queued.ok()) change.note += "; not queued: " + queued.error;
    changes.push_back(std::move(change));
    for (auto& c : queued.changes)
        changes.push_back(std::move(c));
}

void Queue::finish_entry(QueueId id, std::vector<QueueChange>& changes) {
    entries_.erase(id);
    if (!directory_) return;
    if (auto error = directory_->remove(id); !error.empty()) {
        auto change = make_change(ChangeKind::StorageError, id, "", {});
        change.note = std::move(error);
        changes.push_back(std::move(change));
    }
}

const QueueEntry* Queue::find(QueueId id) const {
    const auto found = entries_.find(id);
    return found == entries_.end() ? nullptr : &found->second;
}

std::optional<VirtualTime> Queue::next_wakeup() const {
    std::optional<VirtualTime> next;
    for (const auto& [id, entry] : entries_) {
        for (const auto& r : entry.envelope.recipients) {
            if (r.done() || in_flight(id, domain_of(r.address))) continue;
            const VirtualTime t =
                std::min(r.next_attempt, entry.envelope.arrival + config_.schedule.lifetime);
            if (!next || t < *next) next = t;
        }
    }
    return next;
}

}  // namespace maillab::protocols::mta
