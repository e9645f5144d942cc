// LessonRun::judge: a lesson check decided from the world state folded from
// the trace, and from the stores where a check is about message contents.
#include <algorithm>
#include <deque>
#include <map>
#include <vector>

#include "protocols/mime/ascii.hpp"
#include "protocols/store/message_flags.hpp"
#include "sim/lesson_run/lesson_run.hpp"
#include "sim/net/ipv4.hpp"
#include "sim/trace/mail_ports.hpp"
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
// tag, and also behind UID: "A7 UID SEARCH UNSEEN" is a SEARCH, while
// "UID SEARCH" is only the UID form.
bool is_command(std::string_view line, std::string_view command) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < line.size() && words.size() < 3) {
        const std::size_t end = line.find_first_of(" \r\n", at);
        words.push_back(line.substr(at, end == std::string_view::npos ? end : end - at));
        if (end == std::string_view::npos || line[end] != ' ') break;
        at = end + 1;
    }
    const auto is = [&](std::size_t i, std::string_view verb) {
        return i < words.size() && protocols::mime::iequals(words[i], verb);
    };
    // "UID FETCH" names the UID form only: the second word after the tag.
    if (const auto space = command.find(' ');
        space != std::string_view::npos &&
        protocols::mime::iequals(command.substr(0, space), "UID"))
        return is(1, "UID") && is(2, command.substr(space + 1));
    const auto verb = command.substr(0, command.find(' '));
    return is(0, verb) || is(1, verb) || (is(1, "UID") && is(2, verb));
}

// Whether a flag list ("\\Seen \\Flagged") holds `flag` as a whole word:
// "\\Flag" is not "\\Flagged". Flags compare without regard to case (RFC 9051 §2.3.2).
bool has_flag(std::string_view flags, std::string_view flag) {
    std::size_t at = 0;
    while (at < flags.size()) {
        const std::size_t end = std::min(flags.find(' ', at), flags.size());
        if (protocols::mime::iequals(flags.substr(at, end - at), flag)) return true;
        at = end + 1;
    }
    return false;
}

// Whether one reply line matches the check's text. `line` and `starts` also
// compare after the first word, so a teacher need not know the IMAP tag.
bool line_matches(std::string_view line, const L::ReplyCheck& c) {
    const auto one = [&](std::string_view l) {
        switch (c.match) {
            case L::ReplyMatch::Contains:
                return contains(l, c.text);
            case L::ReplyMatch::Line:
                return l == c.text;
            case L::ReplyMatch::Starts:
                return l.substr(0, c.text.size()) == c.text;
        }
        return false;
    };
    if (one(line)) return true;
    const std::size_t space = line.find(' ');
    return c.match != L::ReplyMatch::Contains && space != std::string_view::npos &&
           one(line.substr(space + 1));
}

// Whether any line of a reply (SMTP and IMAP replies may have several) matches.
bool reply_matches(std::string_view reply, const L::ReplyCheck& c) {
    std::size_t at = 0;
    while (at < reply.size()) {
        std::size_t end = std::min(reply.find('\n', at), reply.size());
        std::string_view line = reply.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_matches(line, c)) return true;
        at = end + 1;
    }
    return false;
}

// "250 ok", "354 go on", "550-no": three digits, then a space, a dash or nothing.
bool is_smtp_reply(std::string_view reply) {
    const auto digit = [&](std::size_t i) { return reply[i] >= '0' && reply[i] <= '9'; };
    return reply.size() >= 3 && digit(0) && digit(1) && digit(2) &&
           (reply.size() == 3 || reply[3] == ' ' || reply[3] == '-' || reply[3] == '\r');
}

// Which command each reply answers, seen from one end of a connection. An
// SMTP client may pipeline (RFC 2920): MAIL, RCPT and DATA leave together and
// the replies come back in the same order, so an SMTP reply answers the
// oldest unanswered command; the reply after the message's final dot answers
// DATA. POP3 and IMAP replies answer the last command sent.
class ReplyAttribution {
public:
    void command(const Event& e, std::string_view payload) {
        End& end = ends_[{e.conn, e.host}];
        if (!end.in_data) end.pending.push_back(payload);
        end.last = payload;
    }

    std::string_view reply(const Event& e, std::string_view payload) {
        End& end = ends_[{e.conn, e.host}];
        if (!is_smtp_reply(payload)) {
            end.pending.clear();
            return end.last;
        }
        if (end.in_data) {  // the reply to the message itself
            end.in_data = false;
            end.pending.clear();
            return end.answered;
        }
        if (!end.pending.empty()) {
            end.answered = end.pending.front();
            end.pending.pop_front();
        }
        end.in_data = payload.starts_with("354");  // what follows is the message
        return end.answered;
    }

private:
    struct End {
        std::deque<std::string_view> pending;
        std::string_view answered;  // the command the last SMTP reply answered
        std::string_view last;      // the last command sent
        bool in_data = false;
    };
    std::map<std::pair<ConnId, HostId>, End> ends_;
};

std::string_view first_line(std::string_view text) {
    const std::size_t end = text.find_first_of("\r\n");
    return end == std::string_view::npos ? text : text.substr(0, end);
}

std::string dotted(const WorldState& state, HostId host) {
    const auto it = state.hosts.find(host);
    if (it == state.hosts.end()) return "?";
    return format_ipv4(it->second.ipv4);
}

std::string_view protocol_on(std::uint16_t port) {
    const auto protocol = mail_protocol_on_port(port);
    return protocol ? mail_protocol_name(*protocol) : "application";
}

// The layers of the packet that carried event `command` (a Command), read
// from its connection's SYN (addresses, ports) and TLS records before it.
struct PacketLayers {
    std::uint16_t server_port = 0;
    bool tls = false;
    std::string text;  // "IP ... · TCP ... · TLS ... · SMTP ..."
};

std::optional<PacketLayers> packet_layers(const Trace& trace, const WorldState& state,
                                          std::size_t command) {
    const Event& e = trace[command];
    PacketLayers out;
    for (std::size_t i = command; i-- > 0;) {
        const Event& x = trace[i];
        if (x.conn != e.conn) continue;
        if (x.kind == EventKind::TlsRecord) out.tls = true;
        if (x.kind != EventKind::TcpSyn) continue;
        out.server_port = static_cast<std::uint16_t>(x.aux);
        out.text = "IP " + dotted(state, x.host) + " → " + dotted(state, x.peer) + " · TCP port " +
                   std::to_string(x.value) + " → " + std::to_string(x.aux) +
                   " · TLS: " + (out.tls ? "encrypted records" : "none, in the clear") + " · " +
                   std::string{protocol_on(out.server_port)} + ": " +
                   std::string{first_line(trace.payload(e))};
        return out;
    }
    return std::nullopt;
}

std::string match_words(const L::ReplyCheck& c) {
    switch (c.match) {
        case L::ReplyMatch::Contains:
            return "containing \"" + c.text + "\"";
        case L::ReplyMatch::Line:
            return "reading exactly \"" + c.text + "\"";
        case L::ReplyMatch::Starts:
            return "starting \"" + c.text + "\"";
    }
    return {};
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
        out.detail =
            what + ": " + std::to_string(got) + ", where the check expects " + std::to_string(want);
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
                out.detail = c.device + (has ? " holds" : " holds no") + " message \"" + c.subject +
                             "\"" + (has ? ", which the check expects gone" : "");
                if (out.claim.empty())
                    out.claim = c.device + (c.present ? " holds \"" : " does not hold \"") +
                                c.subject + "\"";
            } else if constexpr (std::is_same_v<T, L::MessageContainsCheck>) {
                const auto bytes = find_stored(c.server, c.account, c.mailbox, c.subject);
                const bool has = bytes && contains(*bytes, c.text);
                out.passed = has == c.present;
                out.detail =
                    !bytes ? "no message \"" + c.subject + "\" in " + c.account + "'s " + c.mailbox
                    : has
                        ? "the message contains \"" + c.text + "\", which the check expects absent"
                        : "the message does not contain \"" + c.text + "\"";
                if (out.claim.empty())
                    out.claim = "the message \"" + c.subject + "\" contains \"" + c.text + "\"";
            } else if constexpr (std::is_same_v<T, L::HasFlagCheck>) {
                bool has = false;
                bool found = false;
                std::string flags;
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
                            flags = store::to_string(m.flags);
                            has = has_flag(flags, c.flag);
                            break;
                        }
                    }
                }
                out.passed = found && has == c.present;
                out.detail =
                    !found ? "no message \"" + c.subject + "\" in " + c.account + "'s " + c.mailbox
                           : "its flags on the server: " +
                                 (flags.empty() ? std::string{"none"} : flags);
                if (out.claim.empty())
                    out.claim = "\"" + c.subject + "\" is " + (c.present ? "" : "not ") + c.flag;
            } else if constexpr (std::is_same_v<T, L::DeviceHasFlagCheck>) {
                bool found = false;
                bool has = false;
                std::string flags;
                const auto it = state.devices.find(host_of(c.device));
                if (it != state.devices.end()) {
                    for (const auto& m : it->second) {
                        if (!contains(trace.text(m.subject), c.subject)) continue;
                        found = true;
                        flags = std::string{trace.text(m.flags)};
                        has = has_flag(flags, c.flag);
                        break;
                    }
                }
                out.passed = found && has == c.present;
                out.detail = !found ? c.device + " holds no message \"" + c.subject + "\""
                                    : "its flags on " + c.device + ": " +
                                          (flags.empty() ? std::string{"none"} : flags);
                if (out.claim.empty())
                    out.claim = c.device + " shows \"" + c.subject + "\" " +
                                (c.present ? "with " : "without ") + c.flag;
            } else if constexpr (std::is_same_v<T, L::ReplyCheck>) {
                bool seen = false;
                std::string matched;     // the reply line that matched
                std::string last_reply;  // else the last reply to the command, for the detail
                ReplyAttribution answers;
                for (std::size_t i = step_begin; i < trace.size() && !seen; ++i) {
                    const Event& e = trace[i];
                    if (e.kind == EventKind::Command) answers.command(e, trace.payload(e));
                    if (e.kind != EventKind::Reply) continue;
                    const std::string_view command = answers.reply(e, trace.payload(e));
                    if (c.server && e.host != host_of(*c.server)) continue;
                    if (c.device && e.host != host_of(*c.device)) continue;
                    if (c.command && !is_command(command, *c.command)) continue;
                    seen = reply_matches(trace.payload(e), c);
                    (seen ? matched : last_reply) = std::string{first_line(trace.payload(e))};
                }
                const std::string to = c.command ? " to " + *c.command : std::string{};
                out.passed = seen == c.present;
                if (seen) {
                    out.detail = "a reply" + to + " " + match_words(c) + ": " + matched;
                } else {
                    out.detail = "no reply" + to + " " + match_words(c) + " during this step";
                    if (!last_reply.empty()) out.detail += "; the last was: " + last_reply;
                }
                if (out.claim.empty())
                    out.claim = "a reply " + match_words(c) + " was " + (c.present ? "" : "not ") +
                                "seen" + (c.command ? " for " + *c.command : std::string{});
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
                out.detail = std::string{got ? "a " : "no "} +
                             std::string{L::dsn_kind_name(c.kind)} + " notification in " +
                             c.account + "'s INBOX";
                if (out.claim.empty())
                    out.claim = c.account + " received a " + std::string{L::dsn_kind_name(c.kind)} +
                                " notification";
            } else if constexpr (std::is_same_v<T, L::PacketCheck>) {
                std::optional<PacketLayers> layers;
                for (std::size_t i = step_begin; i < trace.size() && !layers; ++i) {
                    const Event& e = trace[i];
                    if (e.kind == EventKind::Command && e.host == host_of(c.device) &&
                        is_command(trace.payload(e), c.command))
                        layers = packet_layers(trace, state, i);
                }
                out.passed =
                    layers && layers->server_port == c.port && (!c.tls || *c.tls == layers->tls);
                out.detail = layers ? layers->text
                                    : c.device + " sent no " + c.command + " during this step";
                if (out.claim.empty())
                    out.claim = layers && out.passed
                                    ? layers->text
                                    : c.command + " went to port " + std::to_string(c.port) +
                                          (c.tls ? (*c.tls ? ", inside TLS" : ", in the clear")
                                                 : std::string{});
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
                out.detail = "\"" + c.text + "\" " +
                             (saw ? "crossed the link in the clear"
                                  : "never crossed the link in the clear during this step");
                if (out.claim.empty())
                    out.claim = std::string{"a sniffer "} + (c.present ? "sees" : "does not see") +
                                " \"" + c.text + "\"";
            }
        },
        check.kind);
    return out;
}

}  // namespace maillab::sim

namespace maillab::sim {

// Called after the step's actions and before its checks, which fold the rest.
std::vector<std::string> LessonRun::unheeded_refusals(const L::StepSpec& step,
                                                      std::size_t step_begin) {
    const Trace& trace = world_->trace();
    // A failure report counts as looking at every refusal: it is how a
    // lesson shows a refusal the sender's server met on its way.
    for (const auto& check : step.checks)
        if (const auto* dsn = std::get_if<L::DsnReceivedCheck>(&check.kind);
            dsn != nullptr && dsn->kind == L::DsnKind::Failure)
            return {};
    std::vector<std::string> found;
    ReplyAttribution answers;
    for (std::size_t i = step_begin; i < trace.size(); ++i) {
        const Event& e = trace[i];
        // Folded as it goes: a connection is forgotten once it closes.
        for (; folded_ <= i; ++folded_)
            state_.apply(trace, trace[folded_]);
        if (e.kind == EventKind::Command) answers.command(e, trace.payload(e));
        if (e.kind != EventKind::Reply) continue;
        const std::string_view reply = trace.payload(e);
        const std::string_view command = answers.reply(e, reply);
        if (reply.empty() || reply.front() != '5') continue;
        // Each reply is traced by the server that sent it and the client that
        // got it; the client's is the one reported.
        const auto conn = state_.connections.find(e.conn);
        if (conn == state_.connections.end() || e.host == conn->second.server) continue;
        if (!is_command(command, "MAIL") && !is_command(command, "RCPT") &&
            !is_command(command, "DATA") && !is_command(command, "BDAT"))
            continue;
        const bool heeded =
            std::any_of(step.checks.begin(), step.checks.end(), [&](const L::Check& check) {
                const auto* r = std::get_if<L::ReplyCheck>(&check.kind);
                return r != nullptr && reply_matches(reply, *r);
            });
        if (heeded) continue;
        const std::string host = world_->net().host(e.host).name;
        const bool device = std::any_of(spec_.world.devices.begin(), spec_.world.devices.end(),
                                        [&](const L::DeviceSpec& d) { return d.name == host; });
        found.push_back(
            "the server refused " + host + "'s " + std::string{first_line(command)} + " with " +
            std::string{first_line(reply)} +
            ", and no check of this step looks at it (add a reply check, such "
            "as { check = \"reply\", " +
            (device ? "device" : "server") + " = \"" + std::string{host} + "\", contains = \"" +
            std::string{reply.substr(0, std::min<std::size_t>(reply.find(' '), 3))} + "\" })");
    }
    return found;
}

}  // namespace maillab::sim
