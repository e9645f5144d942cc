// LessonRun::judge: a lesson check decided from the world state folded from
// the trace, and from the stores where a check is about message contents.
#include <map>
#include <vector>

#include "protocols/mime/ascii.hpp"
#include "protocols/store/message_flags.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "sim/world/message_summary.hpp"

namespace maillab::sim {

namespace L = lesson;
namespace store = protocols::store;

namespace {

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// Whether `line` is the command `command` (case-insensitive, whole words):
// "RETR 1" is RETR, "RETRIEVE 1" is not. An IMAP command is found after its
// tag, and also behind UID: "A7 UID SEARCH UNSEEN" is a SEARCH.
bool is_command(std::string_view line, std::string_view command) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < line.size() && words.size() < 3) {
        const std::size_t end = line.find_first_of(" \r\n", at);
        words.push_back(line.substr(at, end == std::string_view::npos ? end : end - at));
        if (end == std::string_view::npos || line[end] != ' ') break;
        at = end + 1;
    }
    const auto verb = command.substr(0, command.find(' '));
    const auto is = [&](std::size_t i) {
        return i < words.size() && protocols::mime::iequals(words[i], verb);
    };
    return is(0) || is(1) ||
           (words.size() > 2 && protocols::mime::iequals(words[1], "UID") && is(2));
}

}  // namespace

CheckOutcome LessonRun::judge(const L::Check& check, std::size_t step_begin) {
    const Trace& trace = world_->trace();
    // Fold only what happened since the last check: checks come in trace order.
    for (; folded_ < trace.size(); ++folded_)
        state_.apply(trace, trace[folded_]);
    const WorldState& state = state_;
    auto host_of = [this](const std::string& name) {
        return world_->net().find_host(name).value_or(kNoHost);
    };
    CheckOutcome out;
    out.claim = check.say;
    auto count_result = [&](std::size_t got, int want, std::string what) {
        out.passed = got == static_cast<std::size_t>(want);
        out.detail = what + ": " + std::to_string(got) + " (expected " + std::to_string(want) + ")";
        if (out.claim.empty()) out.claim = what + " is " + std::to_string(want);
    };
    auto find_stored = [&](const std::string& server, const std::string& account,
                           const std::string& mailbox,
                           const std::string& subject) -> std::optional<std::string> {
        MailServer* s = world_->server(server);
        if (s == nullptr) return std::nullopt;
        const auto msgs = s->store().messages(account, mailbox);
        if (!msgs) return std::nullopt;
        for (const auto& m : msgs.value()) {
            auto bytes = s->store().read_message(account, mailbox, m.uid);
            if (bytes && contains(subject_of(bytes.value()), subject)) return bytes.value();
        }
        return std::nullopt;
    };
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, L::MailboxCountCheck>) {
                count_result(state.mailbox_size(host_of(c.server), c.account + "/" + c.mailbox),
                             c.equals, c.account + "'s " + c.mailbox + " on " + c.server);
            } else if constexpr (std::is_same_v<T, L::DeviceCountCheck>) {
                std::size_t n = 0;
                const auto it = state.devices.find(host_of(c.device));
                if (it != state.devices.end()) {
                    for (const auto& m : it->second) {
                        if (!c.account || contains(trace.text(m.key), " " + *c.account + "@")) ++n;
                    }
                }
                count_result(n, c.equals, "messages on " + c.device);
            } else if constexpr (std::is_same_v<T, L::QueueCountCheck>) {
                count_result(state.queue_size(host_of(c.server)), c.equals,
                             "messages in the queue of " + c.server);
            } else if constexpr (std::is_same_v<T, L::DeviceHasCheck>) {
                bool has = false;
                const auto it = state.devices.find(host_of(c.device));
                if (it != state.devices.end()) {
                    for (const auto& m : it->second)
                        has |= contains(trace.text(m.subject), c.subject);
                }
                out.passed = has == c.present;
                out.detail =
                    c.device + (has ? " has" : " does not have") + " \"" + c.subject + "\"";
                if (out.claim.empty())
                    out.claim = c.device + (c.present ? " holds \"" : " does not hold \"") +
                                c.subject + "\"";
            } else if constexpr (std::is_same_v<T, L::MessageContainsCheck>) {
                const auto bytes = find_stored(c.server, c.account, c.mailbox, c.subject);
                const bool has = bytes && contains(*bytes, c.text);
                out.passed = has == c.present;
                out.detail = bytes ? (has ? "found" : "not found") : "no such message";
                if (out.claim.empty())
                    out.claim = "the message \"" + c.subject + "\" contains \"" + c.text + "\"";
            } else if constexpr (std::is_same_v<T, L::HasFlagCheck>) {
                bool has = false;
                bool found = false;
                MailServer* s = world_->server(c.server);
                const auto msgs =
                    s ? s->store().messages(c.account, c.mailbox)
                      : store::Result<std::vector<store::MessageInfo>>{
                            store::store_error(store::StoreErrorCode::NoSuchAccount, "")};
                if (msgs) {
                    for (const auto& m : msgs.value()) {
                        const auto bytes = s->store().read_message(c.account, c.mailbox, m.uid);
                        if (bytes && contains(subject_of(bytes.value()), c.subject)) {
                            found = true;
                            has = contains(store::to_string(m.flags), c.flag);
                            break;
                        }
                    }
                }
                out.passed = found && has == c.present;
                out.detail = found ? (has ? "flag set" : "flag not set") : "no such message";
                if (out.claim.empty())
                    out.claim = "\"" + c.subject + "\" is " + (c.present ? "" : "not ") + c.flag;
            } else if constexpr (std::is_same_v<T, L::ReplyCheck>) {
                bool seen = false;
                // The command a reply answers: the last one on its connection before it.
                std::map<ConnId, std::string_view> last_command;
                for (std::size_t i = step_begin; i < trace.size() && !seen; ++i) {
                    const Event& e = trace[i];
                    if (e.kind == EventKind::Command) last_command[e.conn] = trace.payload(e);
                    if (e.kind != EventKind::Reply) continue;
                    if (c.server && e.host != host_of(*c.server)) continue;
                    if (c.device && e.host != host_of(*c.device)) continue;
                    if (c.command && !is_command(last_command[e.conn], *c.command)) continue;
                    seen = contains(trace.payload(e), c.contains);
                }
                out.passed = seen == c.present;
                out.detail = seen ? "seen" : "not seen";
                if (out.claim.empty())
                    out.claim = std::string{"a reply containing \""} + c.contains + "\" was " +
                                (c.present ? "" : "not ") + "seen" +
                                (c.command ? " for " + *c.command : std::string{});
            } else if constexpr (std::is_same_v<T, L::DsnReceivedCheck>) {
                bool got = false;
                MailServer* s = world_->server(c.server);
                const auto msgs =
                    s ? s->store().messages(c.account, "INBOX")
                      : store::Result<std::vector<store::MessageInfo>>{
                            store::store_error(store::StoreErrorCode::NoSuchAccount, "")};
                const std::string action = c.kind == L::DsnKind::Success   ? "Action: delivered"
                                           : c.kind == L::DsnKind::Failure ? "Action: failed"
                                                                           : "Action: delayed";
                if (msgs) {
                    for (const auto& m : msgs.value()) {
                        const auto bytes = s->store().read_message(c.account, "INBOX", m.uid);
                        got |= bytes && contains(bytes.value(), "report-type=delivery-status") &&
                               (contains(bytes.value(), action) ||
                                (c.kind == L::DsnKind::Success &&
                                 contains(bytes.value(), "Action: relayed")));
                    }
                }
                out.passed = got == c.present;
                out.detail =
                    got ? "a matching notification is in the mailbox" : "no such notification";
                if (out.claim.empty())
                    out.claim = c.account + " received a " + std::string{L::dsn_kind_name(c.kind)} +
                                " notification";
            } else if constexpr (std::is_same_v<T, L::SnifferSawCheck>) {
                const HostId a = host_of(c.between.a), b = host_of(c.between.b);
                bool saw = false;
                // What crossed the link during this step, as a sniffer there would see it.
                for (std::size_t i = step_begin; i < trace.size() && !saw; ++i) {
                    const Event& e = trace[i];
                    if (e.kind != EventKind::TcpSegment && e.kind != EventKind::TcpRetransmit) {
                        continue;
                    }
                    const bool on_link = (e.host == a || e.host == b || e.peer == a || e.peer == b);
                    saw = on_link && contains(trace.payload(e), c.text);
                }
                out.passed = saw == c.present;
                out.detail = saw ? "visible in the clear" : "never visible in the clear";
                if (out.claim.empty())
                    out.claim = std::string{"a sniffer "} + (c.present ? "sees" : "does not see") +
                                " \"" + c.text + "\"";
            }
        },
        check.kind);
    return out;
}

}  // namespace maillab::sim
