#include "sim/world/device.hpp"

#include <algorithm>
#include <set>

#include "protocols/core/line_endings.hpp"
#include "protocols/mime/date_time.hpp"
#include "protocols/mime/encoded_words.hpp"
#include "protocols/mime/header_block.hpp"
#include "protocols/mta/envelope.hpp"
#include "protocols/pop3/client_session.hpp"
#include "protocols/smtp/client_session.hpp"
#include "protocols/tls/secure_session.hpp"
#include "sim/net/session_host.hpp"
#include "sim/world/client_tls.hpp"
#include "sim/world/completion_session.hpp"
#include "sim/world/message_summary.hpp"
#include "sim/world/typing_session.hpp"
#include "sim/world/world.hpp"

namespace maillab::sim {

namespace smtp = protocols::smtp;
namespace pop3 = protocols::pop3;
namespace tls = protocols::tls;

namespace {

constexpr SimTime kMicrosPerDay = 24LL * 3600 * 1'000'000;

std::string compose(const SendJob& job) {
    std::string to;
    for (const auto& r : job.to)
        to += (to.empty() ? "" : ", ") + r;
    const std::string body = protocols::core::to_crlf(job.body.empty() ? "\n" : job.body);
    return "From: " + job.from + "\r\nTo: " + to +
           "\r\nSubject: " + protocols::mime::encode_header_text(job.subject) +
           "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n" +
           body;
}

// When a downloaded message was written, in virtual time: its Date header
// ("delete after N days" counts from there), else the moment it arrived.
SimTime written_at(std::string_view bytes, SimTime fallback) {
    const auto headers = protocols::mime::parse_header_block(bytes);
    const auto* date = headers.find("Date");
    if (date == nullptr) return fallback;
    const auto parsed = protocols::mime::parse_rfc5322_date(date->value);
    if (!parsed) return fallback;
    return (parsed->utc_seconds - protocols::mta::kDefaultWorldEpochUnixSeconds) * 1'000'000;
}

}  // namespace

Device::Device(World& world, HostId host, DeviceSpec spec)
    : world_(world), host_(host), spec_(std::move(spec)) {}

void Device::add_local(LocalMessage message) {
    world_.sim().record({.kind = EventKind::DeviceCopyAdded,
                         .host = host_,
                         .payload = message.key,
                         .note = message.subject});
    local_.push_back(std::move(message));
}

void Device::set_online(bool online) {
    online_ = online;
    if (const auto link = world_.net().find_link(host_, world_.router())) {
        world_.net().set_link_up(*link, online);
    }
}

void Device::send(const SendJob& job, Done done) {
    world_.sim().record({.kind = EventKind::DeviceAction,
                         .host = host_,
                         .payload = "sends \"" + job.subject + "\" through " + job.server + ":" +
                                    std::to_string(job.port)});
    smtp::ClientJob client_job;
    client_job.ehlo_name = spec_.name;
    client_job.envelope.mail_from = job.from;
    std::vector<std::string> recipients = job.to;
    recipients.insert(recipients.end(), job.bcc.begin(), job.bcc.end());
    for (const auto& to : recipients) {
        smtp::EnvelopeRecipient r;
        r.address = to;
        if (job.notify_success) r.notify = {false, true, true, false};
        client_job.envelope.recipients.push_back(std::move(r));
    }
    client_job.message = compose(job);
    last_sent_ = client_job.message;
    client_job.tls = starttls_policy(job.tls);
    if (!job.user.empty()) client_job.auth = smtp::ClientCredentials{job.user, job.password};
    auto client = std::make_unique<smtp::ClientSession>(std::move(client_job));
    smtp::ClientSession* raw = client.get();
    auto finished = [raw, done = std::move(done)] {
        const auto& r = raw->result();
        JobResult result;
        result.ok = r.message_status == smtp::DeliveryStatus::Delivered;
        result.summary = r.final_reply.code != 0 ? r.final_reply.text() : r.error;
        if (done) done(result);
    };
    SessionHost::connect(world_.tcp(), host_, job.server, job.port,
                         std::make_unique<CompletionSession>(
                             client_with_tls(std::move(client), job.tls), std::move(finished)));
}

void Device::pop3_check(const Pop3Job& job, Done done) {
    world_.sim().record(
        {.kind = EventKind::DeviceAction,
         .host = host_,
         .payload = "checks mail for " + job.user + " with POP3 at " + job.server +
                    (job.delete_after_download ? " (download and delete)" : " (leave on server)")});
    const std::string prefix = "pop3 " + job.user + "@" + job.server + " ";
    pop3::ClientOptions options;
    options.user = job.user;
    options.password = job.password;
    options.tls = starttls_policy(job.tls);
    options.tls_active = job.tls == TlsChoice::Implicit;
    options.only_new = job.only_new;
    options.delete_after_download = job.delete_after_download;
    for (const auto& m : local_) {
        if (m.key.rfind(prefix, 0) != 0) continue;
        const std::string uid = m.key.substr(prefix.size());
        options.known_uids.insert(uid);
        if (job.delete_after_days &&
            world_.sim().now() - m.received >= *job.delete_after_days * kMicrosPerDay) {
            options.expired_uids.insert(uid);
        }
    }
    auto client = std::make_unique<pop3::ClientSession>(std::move(options));
    pop3::ClientSession* raw = client.get();
    auto finished = [this, raw, prefix, done = std::move(done)] {
        std::size_t downloaded = 0, deleted = 0;
        for (auto& outcome : raw->take_outcomes()) {
            if (outcome.kind == pop3::ClientOutcome::Kind::Downloaded) {
                ++downloaded;
                add_local({prefix + outcome.uid, subject_of(outcome.bytes), outcome.bytes,
                           written_at(outcome.bytes, world_.sim().now())});
            } else if (outcome.kind == pop3::ClientOutcome::Kind::Marked) {
                ++deleted;
            }
        }
        const auto& report = raw->report();
        JobResult result;
        result.ok = report.logged_in && report.committed;
        result.summary = "downloaded " + std::to_string(downloaded) + ", deleted " +
                         std::to_string(report.committed ? deleted : 0);
        if (!report.error.empty()) result.summary += " (" + report.error + ")";
        if (done) done(result);
    };
    SessionHost::connect(world_.tcp(), host_, job.server, job.port,
                         std::make_unique<CompletionSession>(
                             client_with_tls(std::move(client), job.tls), std::move(finished)));
}

void Device::type(const TypeJob& job, Done done) {
    world_.sim().record(
        {.kind = EventKind::DeviceAction,
         .host = host_,
         .payload = "types commands by hand to " + job.server + ":" + std::to_string(job.port)});
    auto typist = std::make_unique<TypingSession>(job.lines);
    TypingSession* raw = typist.get();
    const std::size_t total = job.lines.size();
    auto finished = [raw, total, done = std::move(done)] {
        JobResult result;
        result.ok = raw->typed() == total;
        result.summary =
            "typed " + std::to_string(raw->typed()) + " of " + std::to_string(total) + " lines";
        if (done) done(result);
    };
    SessionHost::connect(world_.tcp(), host_, job.server, job.port,
                         std::make_unique<CompletionSession>(
                             client_with_tls(std::move(typist), job.tls), std::move(finished)));
}

}  // namespace maillab::sim
