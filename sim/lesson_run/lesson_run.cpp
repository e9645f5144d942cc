#include "sim/lesson_run/lesson_run.hpp"

#include "protocols/core/line_endings.hpp"
#include "protocols/mime/date_time.hpp"
#include "protocols/mta/envelope.hpp"
#include "protocols/store/message_flags.hpp"

namespace maillab::sim {

namespace L = lesson;
namespace store = protocols::store;

namespace {

std::optional<ServiceKind> to_service(L::Service s) {
    switch (s) {
        case L::Service::Smtp:
            return ServiceKind::Smtp;
        case L::Service::Submission:
            return ServiceKind::Submission;
        case L::Service::Submissions:
            return ServiceKind::Submissions;
        case L::Service::Pop3:
            return ServiceKind::Pop3;
        case L::Service::Pop3s:
            return ServiceKind::Pop3s;
        case L::Service::Imap:
            return ServiceKind::Imap;
        case L::Service::Imaps:
            return ServiceKind::Imaps;
    }
    return std::nullopt;
}

store::Flags to_flags(const std::vector<std::string>& names) {
    store::Flags flags;
    for (const auto& name : names) {
        store::SystemFlag f{};
        if (store::parse_system_flag(name, f))
            flags.set(f);
        else
            flags.add_keyword(name);
    }
    return flags;
}

// A multipart/mixed body (RFC 2046 §5.1.3): the text, then a file in base64
// (RFC 2045 §6.8) of about `size` encoded bytes, filler standing for its contents.
std::string with_attachment(const std::string& text, const std::string& name, std::uint64_t size) {
    const std::string boundary = "=_maillab_part";
    std::string file;
    while (file.size() + 78 <= size)
        file += std::string(76, 'A') + "\r\n";
    if (file.empty()) file = "AAAA\r\n";
    return "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary +
           "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n--" + boundary +
           "\r\nContent-Type: application/octet-stream; name=\"" + name +
           "\"\r\nContent-Disposition: attachment; filename=\"" + name +
           "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + file + "--" + boundary + "--\r\n";
}

// The message's Date says when it was written: `age` before the lesson starts.
std::string compose_seed(const L::MessageSpec& m) {
    const std::int64_t written = protocols::mta::kDefaultWorldEpochUnixSeconds - m.age / 1'000'000;
    const std::string date = protocols::mime::format_rfc5322_date({written, 0});
    std::string to;
    for (const auto& r : m.to)
        to += (to.empty() ? "" : ", ") + r;
    std::string body = padded_body(m.body, m.size);
    if (body.empty()) body = "\r\n";
    const std::string headers = "Date: " + date + "\r\nFrom: " + m.from + "\r\nTo: " + to +
                                "\r\nSubject: " + m.subject + "\r\nMIME-Version: 1.0\r\n";
    if (!m.attachment) return headers + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body;
    return headers + with_attachment(body, *m.attachment, m.attachment_size.value_or(1000));
}

}  // namespace

std::string padded_body(const std::string& body, std::optional<std::uint64_t> size) {
    std::string out = protocols::core::to_crlf(body);
    while (size && out.size() + 78 <= *size)
        out += std::string(76, 'x') + "\r\n";
    return out;
}

LessonRun::LessonRun(L::LessonSpec spec, std::uint64_t seed)
    : spec_(std::move(spec)),
      random_(std::make_unique<protocols::tls::DeterministicRandom>(seed)),
      world_(std::make_unique<World>(WorldConfig{.seed = seed})) {
    build_world();
}

LessonRun::~LessonRun() {
    world_.reset();  // engines first, while the deterministic generator still exists
}

void LessonRun::build_world() {
    for (const auto& s : spec_.world.servers) {
        ServerSpec server;
        server.name = s.name;
        server.address = s.address;
        server.domains = s.domains;
        server.services.clear();
        for (const auto service : s.services) {
            if (const auto kind = to_service(service)) server.services.push_back(*kind);
        }
        for (const auto& a : s.accounts) {
            store::QuotaLimits quota;
            quota.storage_octets = a.quota_bytes;
            if (a.quota_messages) quota.messages = *a.quota_messages;
            server.accounts.push_back({a.user, a.password, quota});
        }
        if (!s.queue.retry.empty()) server.schedule.delays = s.queue.retry;
        if (s.queue.lifetime) server.schedule.lifetime = *s.queue.lifetime;
        server.plaintext_auth_allowed = s.plaintext_auth;
        MailServer& built = world_->add_server(std::move(server));
        for (const auto& a : s.accounts) {
            for (const auto& folder : a.folders)
                built.store().create_mailbox(a.user, folder);
            for (const auto& m : a.messages) {
                built.seed_message(a.user, m.mailbox, compose_seed(m), to_flags(m.flags));
            }
        }
    }
    for (const auto& d : spec_.world.devices) {
        world_->add_device(
            {d.name, d.address, d.kind == L::DeviceKind::Phone ? "phone" : "laptop"});
    }
    for (const auto& link : spec_.world.links) {
        if (link.implicit) continue;
        const auto a = world_->net().find_host(link.between.a);
        const auto b = world_->net().find_host(link.between.b);
        if (a && b && !world_->net().find_link(*a, *b)) {
            world_->net().add_link(*a, *b, {link.latency, link.bandwidth, link.loss});
        }
    }
    for (const auto& r : spec_.world.dns) {
        if (!r.from_file) continue;
        if (r.type == L::DnsType::A)
            world_->dns().add_a(r.name, r.value);
        else
            world_->dns().add_mx(r.name, static_cast<std::uint16_t>(r.preference), r.value);
    }
}

void LessonRun::run_until(const bool& done) {
    Simulator& sim = world_->sim();
    const SimTime deadline = sim.now() + kActionLimit;
    while (!done && sim.now() < deadline && sim.step()) {
    }
    world_->run_for(kSettle);
}

std::pair<std::size_t, std::size_t> LessonRun::begin_step() {
    Simulator& sim = world_->sim();
    if (finished() || begun_) return {step_begin_, sim.trace().size()};
    const L::StepSpec& step = spec_.steps[next_];
    step_begin_ = sim.trace().size();
    sim.record({.kind = EventKind::LessonStep,
                .value = static_cast<std::int64_t>(next_ + 1),
                .payload = step.title});
    if (!step.narration.empty())
        sim.record({.kind = EventKind::Narration, .payload = step.narration});
    begun_ = true;
    return {step_begin_, sim.trace().size()};
}

StepOutcome LessonRun::run_step() {
    StepOutcome outcome;
    if (finished()) return outcome;
    const L::StepSpec& step = spec_.steps[next_];
    Simulator& sim = world_->sim();
    begin_step();
    outcome.first_event = step_begin_;
    for (const auto& action : step.actions)
        perform(action, outcome);
    outcome.unheeded_refusals = unheeded_refusals(step, outcome.first_event);
    for (const auto& check : step.checks) {
        CheckOutcome c = judge(check, outcome.first_event);
        sim.record({.kind = EventKind::Checkpoint,
                    .value = c.passed ? 1 : 0,
                    .payload = c.claim,
                    .note = c.detail});
        outcome.checks.push_back(std::move(c));
    }
    outcome.end_event = sim.trace().size();
    ++next_;
    begun_ = false;
    return outcome;
}

StepOutcome LessonRun::play(const L::Action& action, std::string_view why) {
    StepOutcome outcome;
    Simulator& sim = world_->sim();
    outcome.first_event = sim.trace().size();
    sim.record({.kind = EventKind::SessionNote, .payload = std::string{why}});
    perform(action, outcome);
    outcome.end_event = sim.trace().size();
    return outcome;
}

}  // namespace maillab::sim
