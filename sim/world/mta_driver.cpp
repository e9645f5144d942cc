#include "sim/world/mta_driver.hpp"

#include <algorithm>

#include "protocols/mta/return_path.hpp"
#include "protocols/smtp/client_session.hpp"
#include "protocols/tls/secure_session.hpp"
#include "sim/net/session_host.hpp"
#include "sim/world/completion_session.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

namespace mta = protocols::mta;
namespace smtp = protocols::smtp;

namespace {

constexpr std::uint16_t kSmtpPort = 25;

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

mta::SmtpReply to_queue_reply(const smtp::Reply& reply) {
    mta::SmtpReply out;
    out.code = reply.code;
    out.enhanced = reply.enhanced;
    std::vector<std::string> lines = reply.lines;
    if (!lines.empty() && !reply.enhanced.empty() && lines[0].rfind(reply.enhanced, 0) == 0) {
        lines[0].erase(0, std::min(lines[0].size(), reply.enhanced.size() + 1));
    }
    out.text = join(lines, "; ");
    return out;
}

smtp::Envelope to_smtp_envelope(const mta::Delivery& delivery, const mta::QueueEntry& entry) {
    smtp::Envelope env;
    env.mail_from = delivery.sender;
    env.envid = entry.envelope.envid;
    env.ret = entry.envelope.ret == mta::Ret::Full   ? smtp::DsnReturn::Full
              : entry.envelope.ret == mta::Ret::Hdrs ? smtp::DsnReturn::Headers
                                                     : smtp::DsnReturn::Unspecified;
    env.smtputf8 = entry.envelope.smtputf8;
    env.body =
        entry.envelope.eight_bit_mime ? smtp::BodyType::EightBitMime : smtp::BodyType::SevenBit;
    for (const auto& address : delivery.recipients) {
        smtp::EnvelopeRecipient r;
        r.address = address;
        for (const auto& original : entry.envelope.recipients) {
            if (original.address != address) continue;
            r.orcpt = original.orcpt;
            if (original.notify.given) {
                r.notify = {original.notify.never, original.notify.success, original.notify.failure,
                            original.notify.delay};
            }
        }
        env.recipients.push_back(std::move(r));
    }
    return env;
}

EventKind trace_kind(mta::ChangeKind kind) {
    switch (kind) {
        case mta::ChangeKind::Queued:
            return EventKind::Queued;
        case mta::ChangeKind::Attempt:
            return EventKind::DeliveryAttempt;
        case mta::ChangeKind::Deferred:
            return EventKind::Deferred;
        case mta::ChangeKind::Delivered:
            return EventKind::Delivered;
        case mta::ChangeKind::Bounced:
            return EventKind::Bounced;
        default:
            return EventKind::SessionNote;
    }
}

}  // namespace

MtaDriver::MtaDriver(World& world, MailServer& server, mta::Queue queue)
    : world_(world), server_(server), queue_(std::move(queue)) {}

void MtaDriver::record(const std::vector<mta::QueueChange>& changes) {
    for (const auto& c : changes) {
        EventRecord r;
        r.kind = trace_kind(c.kind);
        r.host = server_.host();
        r.value = static_cast<std::int64_t>(c.id);
        const std::string reply = c.reply.code != 0 ? c.reply.to_string() : c.note;
        std::string payload;
        std::string note = reply;
        switch (c.kind) {
            case mta::ChangeKind::Queued: {
                const auto* entry = queue_.find(c.id);
                if (entry != nullptr) {
                    std::vector<std::string> rcpts;
                    for (const auto& rc : entry->envelope.recipients)
                        rcpts.push_back(rc.address);
                    payload = join(rcpts, ",");
                    note = entry->envelope.sender.empty() ? "<>" : entry->envelope.sender;
                }
                break;
            }
            case mta::ChangeKind::Attempt:
                payload = c.domain;
                break;
            case mta::ChangeKind::Deferred:
                payload = c.recipient;
                r.aux = c.next_retry;
                break;
            case mta::ChangeKind::Delivered:
            case mta::ChangeKind::Bounced:
                payload = c.recipient;
                break;
            case mta::ChangeKind::DsnGenerated:
                payload = "delivery status notification " + mta::format_queue_id(c.dsn_id) +
                          " queued for " + c.recipient;
                break;
            case mta::ChangeKind::StorageError:
                payload = "queue storage error: " + c.note;
                break;
        }
        r.payload = payload;
        r.note = note.empty() ? std::string_view{c.why.meaning} : std::string_view{note};
        r.ref = c.why.reference;
        world_.sim().record(r);
    }
}

mta::Queue::Enqueued MtaDriver::enqueue(mta::Envelope envelope) {
    auto result = queue_.enqueue(std::move(envelope), world_.sim().now());
    record(result.changes);
    if (result.ok()) {
        // Deliver at once, but after the SMTP session has answered 250.
        world_.sim().schedule(0, [this] { kick(); });
    }
    return result;
}

void MtaDriver::kick() {
    wake();
}

void MtaDriver::stopped() {
    ++run_;
    if (const std::size_t n = queue_.abandon_in_flight(); n > 0) {
        world_.sim().record({.kind = EventKind::SessionNote,
                             .host = server_.host(),
                             .value = static_cast<std::int64_t>(n),
                             .payload = std::to_string(n) +
                                        " delivery attempt(s) cut short: tried again when the "
                                        "server is back, so a message may arrive twice"});
    }
}

std::size_t MtaDriver::flush(std::string_view domain) {
    const std::size_t n = queue_.flush(domain, world_.sim().now());
    if (n > 0) world_.sim().schedule(0, [this] { kick(); });
    return n;
}

void MtaDriver::schedule_wakeup() {
    const auto next = queue_.next_wakeup();
    if (!next) return;
    const SimTime at = std::max(*next, world_.sim().now());
    if (wakeup_ && wakeup_at_ <= at) return;
    if (wakeup_) world_.sim().cancel(*wakeup_);
    wakeup_at_ = at;
    wakeup_ = world_.sim().schedule_at(at, [this] {
        wakeup_.reset();
        wake();
    });
}

void MtaDriver::wake() {
    const SimTime now = world_.sim().now();
    if (!world_.net().host(server_.host()).up) return;  // a down server does nothing
    record(queue_.expire(now));
    auto due = queue_.due(now);
    record(due.changes);
    for (const auto& delivery : due.deliveries)
        deliver(delivery);
    schedule_wakeup();
}

void MtaDriver::deliver(const mta::Delivery& delivery) {
    if (server_.is_local_domain(delivery.domain)) {
        deliver_local(delivery);
        return;
    }
    world_.dns().query(server_.host(), DnsType::MX, delivery.domain,
                       [this, delivery, run = run_](const DnsResult& dns) {
                           if (run != run_) return;  // the server went down meanwhile
                           route(delivery, dns);
                       });
}

void MtaDriver::route(const mta::Delivery& delivery, const DnsResult& dns) {
    mta::DnsAnswers answers;
    switch (dns.status) {
        case DnsStatus::Ok:
        case DnsStatus::NoData:
            answers.status = mta::DnsStatus::Ok;
            break;
        case DnsStatus::NxDomain:
            answers.status = mta::DnsStatus::NoSuchDomain;
            break;
        case DnsStatus::Timeout:
            answers.status = mta::DnsStatus::TempFail;
            break;
    }
    // The A lookups of the exchanges are answered from the same zone
    // without further traffic; the MX query above is the one a lesson shows.
    auto addresses_of = [this](const std::string& name) {
        std::vector<std::string> out;
        for (const Ipv4 ip : world_.dns().lookup(DnsType::A, name).addresses) {
            out.push_back(format_ipv4(ip));
        }
        return out;
    };
    for (const auto& mx : dns.mx) {
        answers.mx.push_back({mx.preference, mx.exchange});
        answers.addresses[mta::lower_ascii(mx.exchange)] = addresses_of(mx.exchange);
    }
    if (dns.mx.empty()) answers.addresses[delivery.domain] = addresses_of(delivery.domain);
    mta::RouterConfig config;
    config.local_domains = server_.spec().domains;
    config.own_hosts = {server_.name()};
    const mta::Route chosen = mta::route_domain(delivery.domain, answers, config);
    switch (chosen.kind) {
        case mta::RouteKind::Local:
            deliver_local(delivery);
            break;
        case mta::RouteKind::Remote:
            deliver_remote(delivery, chosen.targets, 0);
            break;
        case mta::RouteKind::Bounce:
        case mta::RouteKind::Defer: {
            mta::DeliveryResult result;
            result.whole_domain = chosen.reply;
            finish(delivery, result);
            break;
        }
    }
}

void MtaDriver::deliver_local(const mta::Delivery& delivery) {
    mta::DeliveryResult result;
    result.handoff = mta::Handoff::FinalDelivery;
    result.remote_mta = server_.name();
    const auto* entry = queue_.find(delivery.id);
    for (const auto& address : delivery.recipients) {
        mta::RecipientResult r{address, {}};
        const auto account = server_.local_account(address);
        if (!account) {
            r.reply = {550, "5.1.1", "no such user here"};
        } else if (entry == nullptr) {
            r.reply = {451, "4.3.0", "message vanished from the queue"};
        } else {
            const std::string message =
                mta::add_return_path(entry->envelope.message, delivery.sender);
            const auto stored = server_.store().append(
                *account, "INBOX", message, {},
                protocols::mta::kDefaultWorldEpochUnixSeconds + world_.sim().now() / 1'000'000);
            if (stored) {
                r.reply = {250, "2.0.0", "delivered to mailbox"};
            } else if (stored.error().code == protocols::store::StoreErrorCode::QuotaExceeded) {
                r.reply = {552, "5.2.2", "mailbox full"};
            } else {
                r.reply = {451, "4.3.0", stored.error().detail};
            }
        }
        result.recipients.push_back(std::move(r));
    }
    finish(delivery, result);
}

void MtaDriver::deliver_remote(mta::Delivery delivery, std::vector<mta::Target> targets,
                               std::size_t next) {
    const auto* entry = queue_.find(delivery.id);
    if (entry == nullptr || next >= targets.size()) {
        mta::DeliveryResult result;
        result.whole_domain =
            mta::SmtpReply{421, "4.4.1", "no mail server for the domain answered"};
        finish(delivery, result);
        return;
    }
    smtp::ClientJob job;
    job.ehlo_name = server_.name();
    job.envelope = to_smtp_envelope(delivery, *entry);
    job.message = entry->envelope.message;
    job.tls = smtp::TlsPolicy::IfOffered;
    auto client = std::make_unique<smtp::ClientSession>(std::move(job));
    smtp::ClientSession* raw = client.get();
    auto secure = std::make_unique<protocols::tls::SecureSession>(
        std::move(client), protocols::tls::TlsContext::client(), protocols::tls::TlsMode::StartTls);
    const mta::Target target = targets[next];
    // The connection's own failure, for when the session never started and cannot say why.
    auto host = std::make_shared<std::weak_ptr<SessionHost>>();
    auto done = [this, raw, delivery, targets, next, target, host, run = run_]() mutable {
        if (run != run_) return;  // from before the server went down
        const smtp::ClientResult& r = raw->result();
        const bool any_accepted =
            std::any_of(r.recipients.begin(), r.recipients.end(),
                        [](const smtp::RecipientResult& x) { return x.accepted_at_rcpt; });
        const bool try_next =
            !any_accepted && (r.final_reply.code == 0 || r.final_reply.transient());
        if (try_next && next + 1 < targets.size()) {
            // Another MX may answer; RFC 5321 §5.1. Later, outside this callback.
            world_.sim().schedule(0, [this, delivery, targets, next] {
                deliver_remote(delivery, targets, next + 1);
            });
            return;
        }
        mta::DeliveryResult result;
        result.remote_mta = target.host;
        result.handoff = raw->capabilities().dsn ? mta::Handoff::RelayedToDsnServer
                                                 : mta::Handoff::RelayedWithoutDsn;
        if (r.final_reply.code == 0) {
            const auto failed = host->lock();
            const std::string why = !r.error.empty() ? r.error
                                    : failed         ? failed->failure()
                                                     : std::string{};
            result.whole_domain = mta::SmtpReply{
                421, "4.4.1", why.empty() ? "connection failed" : "connection failed: " + why};
        } else if (!any_accepted && r.recipients.empty()) {
            result.whole_domain = to_queue_reply(r.final_reply);
        } else {
            for (const auto& rr : r.recipients) {
                result.recipients.push_back({rr.address, to_queue_reply(rr.reply)});
            }
        }
        finish(delivery, result);
    };
    *host = SessionHost::connect(
        world_.tcp(), server_.host(), target.address, kSmtpPort,
        std::make_unique<CompletionSession>(std::move(secure), std::move(done)));
}

void MtaDriver::finish(const mta::Delivery& delivery, const mta::DeliveryResult& result) {
    record(queue_.record_result(delivery.id, delivery.domain, result, world_.sim().now()));
    // DSNs the result produced are new entries: deliver them too.
    world_.sim().schedule(0, [this] { wake(); });
}

}  // namespace maillab::sim
