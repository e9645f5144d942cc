// Helpers for the MTA tests: envelopes in one line, results in one line, and
// a small reader that splits a DSN into its MIME parts and fields.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/mta/queue.hpp"

namespace maillab::test::mta {

using namespace maillab::protocols::mta;

inline Recipient rcpt(std::string address, std::string notify = "", std::string orcpt = "") {
    Recipient r;
    r.address = std::move(address);
    if (!notify.empty()) r.notify = *parse_notify(notify);
    r.orcpt = std::move(orcpt);
    return r;
}

inline const std::string kMessage =
    "From: Alice <alice@example.org>\r\n"
    "To: Bob <bob@example.net>\r\n"
    "Subject: Lunch\r\n"
    "\r\n"
    "See you at noon.\r\n";

inline Envelope envelope(std::string sender, std::vector<Recipient> recipients) {
    Envelope env;
    env.sender = std::move(sender);
    env.recipients = std::move(recipients);
    env.message = kMessage;
    return env;
}

// Enqueues and returns the id; the queue must accept it.
inline QueueId add(Queue& queue, Envelope env, VirtualTime now) {
    auto queued = queue.enqueue(std::move(env), now);
    if (!queued.ok()) throw std::runtime_error{"enqueue failed: " + queued.error};
    return queued.id;
}

inline SmtpReply reply(std::string_view line) {
    return *parse_smtp_reply(line);
}

inline DeliveryResult results(std::vector<std::pair<std::string, std::string>> replies,
                              Handoff handoff = Handoff::RelayedToDsnServer) {
    DeliveryResult result;
    result.remote_mta = "mx.example.net";
    result.handoff = handoff;
    for (auto& [address, line] : replies)
        result.recipients.push_back({address, reply(line)});
    return result;
}

inline DeliveryResult connection_failure() {
    DeliveryResult result;
    result.whole_domain = reply("421 4.4.1 connection timed out");
    return result;
}

inline std::vector<QueueChange> of_kind(const std::vector<QueueChange>& changes, ChangeKind kind) {
    std::vector<QueueChange> out;
    for (const auto& c : changes) {
        if (c.kind == kind) out.push_back(c);
    }
    return out;
}

// A DSN split the way a mail reader would: top headers, the boundary from
// Content-Type, and each part's headers and body.
struct MimePart {
    std::string headers;
    std::string body;
};

struct ParsedDsn {
    std::string headers;
    std::string boundary;
    std::vector<MimePart> parts;
    bool closed = false;  // the closing "--boundary--" is there
};

inline MimePart split_part(std::string_view text) {
    const auto blank = text.find("\r\n\r\n");
    if (blank == std::string_view::npos) return {std::string{text}, ""};
    return {std::string{text.substr(0, blank + 2)}, std::string{text.substr(blank + 4)}};
}

inline ParsedDsn parse_dsn(std::string_view message) {
    ParsedDsn dsn;
    const MimePart top = split_part(message);
    dsn.headers = top.headers;
    const auto b = top.headers.find("boundary=\"");
    if (b == std::string::npos) return dsn;
    const auto start = b + 10;
    dsn.boundary = top.headers.substr(start, top.headers.find('"', start) - start);
    const std::string delimiter = "\r\n--" + dsn.boundary;
    std::string_view body = top.body;
    auto pos = body.find("--" + dsn.boundary + "\r\n");
    while (pos != std::string_view::npos) {
        const auto content = body.find("\r\n", pos) + 2;
        const auto next = body.find(delimiter, content);
        if (next == std::string_view::npos) break;
        dsn.parts.push_back(split_part(body.substr(content, next - content)));
        const auto after = next + delimiter.size();
        if (body.substr(after, 2) == "--") {
            dsn.closed = true;
            break;
        }
        pos = next + 2;
    }
    return dsn;
}

// "Name: value" lines of a delivery-status block, grouped by blank lines:
// group 0 is per-message, the rest per recipient.
inline std::vector<std::map<std::string, std::string>> status_groups(std::string_view body) {
    std::vector<std::map<std::string, std::string>> groups(1);
    std::size_t pos = 0;
    while (pos < body.size()) {
        auto end = body.find("\r\n", pos);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view line = body.substr(pos, end - pos);
        pos = end + 2;
        if (line.empty()) {
            if (!groups.back().empty()) groups.emplace_back();
            continue;
        }
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos) continue;
        groups.back()[std::string{line.substr(0, colon)}] = std::string{line.substr(colon + 2)};
    }
    if (groups.back().empty()) groups.pop_back();
    return groups;
}

}  // namespace maillab::test::mta
