#include "protocols/mta/queue_file.hpp"

#include <charconv>
#include <set>

namespace maillab::protocols::mta {

namespace {

std::string escape(std::string_view value) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '%') {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> unescape(std::string_view value) {
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto byte = static_cast<unsigned char>(value[i]);
        if (byte < 0x20 || byte == 0x7F) return std::nullopt;
        if (value[i] != '%') {
            out += value[i];
            continue;
        }
        if (i + 2 >= value.size() || hex(value[i + 1]) < 0 || hex(value[i + 2]) < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2]));
        i += 2;
    }
    return out;
}

template <typename Int>
std::optional<Int> parse_int(std::string_view text) {
    Int value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> parse_flag(std::string_view text) {
    if (text == "0") return false;
    if (text == "1") return true;
    return std::nullopt;
}

std::string_view ret_name(Ret ret) {
    switch (ret) {
        case Ret::Full:
            return "full";
        case Ret::Hdrs:
            return "hdrs";
        case Ret::Unspecified:
            return "unspecified";
    }
    return "unspecified";
}

std::optional<Ret> parse_ret(std::string_view text) {
    for (auto ret : {Ret::Full, Ret::Hdrs, Ret::Unspecified}) {
        if (ret_name(ret) == text) return ret;
    }
    return std::nullopt;
}

// Applies one "key: value" line to the entry being read; returns an error text.
class EntryReader {
public:
    std::string apply(std::string_view key, const std::string& value) {
        Envelope& env = entry_.envelope;
        if (key == "rcpt") {
            if (env.recipients.size() >= kMaxQueueFileRecipients) return "too many recipients";
            env.recipients.emplace_back();
            env.recipients.back().address = value;
            recipient_keys_.clear();
            return "";
        }
        if (is_recipient_key(key)) {
            if (env.recipients.empty()) return "'" + std::string{key} + "' before any rcpt";
            if (!recipient_keys_.insert(std::string{key}).second) return "repeated field";
            return apply_recipient(key, value, env.recipients.back());
        }
        if (!envelope_keys_.insert(std::string{key}).second) return "repeated field";
        bool ok = true;
        if (key == "id") {
            const auto id = parse_queue_id(value);
            ok = id.has_value();
            if (ok) env.id = *id;
        } else if (key == "arrival") {
            ok = set(env.arrival, parse_int<VirtualTime>(value));
        } else if (key == "first-attempt") {
            ok = set(entry_.first_attempt, parse_int<VirtualTime>(value));
        } else if (key == "sender") {
            env.sender = value;
        } else if (key == "envid") {
            env.envid = value;
        } else if (key == "ret") {
            ok = set(env.ret, parse_ret(value));
        } else if (key == "smtputf8") {
            ok = set(env.smtputf8, parse_flag(value));
        } else if (key == "8bitmime") {
            ok = set(env.eight_bit_mime, parse_flag(value));
        } else if (key == "message-length") {
            ok = set(message_length_, parse_int<std::size_t>(value)) &&
                 message_length_ <= kMaxQueueFileMessageOctets;
        } else {
            return "unknown field '" + escape(key) + "'";
        }
        return ok ? "" : "bad value for '" + std::string{key} + "'";
    }

    std::string missing() const {
        for (const char* key : {"id", "arrival", "sender", "message-length"}) {
            if (!envelope_keys_.contains(key)) return std::string{"missing field '"} + key + "'";
        }
        if (entry_.envelope.recipients.empty()) return "no recipients";
        return "";
    }

    std::size_t message_length() const { return message_length_; }
    QueueEntry& entry() { return entry_; }

private:
    static bool is_recipient_key(std::string_view key) {
        for (std::string_view k : {"notify", "orcpt", "state", "reply", "status", "remote-mta",
                                   "attempts", "next-attempt", "last-attempt", "delay-warned"}) {
            if (k == key) return true;
        }
        return false;
    }

    template <typename T, typename U>
    static bool set(T& field, const std::optional<U>& value) {
        if (!value) return false;
        field = *value;
        return true;
    }

    static std::string apply_recipient(std::string_view key, const std::string& value,
                                       Recipient& r) {
        bool ok = true;
        if (key == "notify") {
            ok = set(r.notify, parse_notify(value));
        } else if (key == "orcpt") {
            r.orcpt = value;
        } else if (key == "state") {
            ok = set(r.state, recipient_state_from_string(value));
        } else if (key == "reply") {
            ok = set(r.reply, parse_smtp_reply(value));
        } else if (key == "status") {
            r.status = value;
        } else if (key == "remote-mta") {
            r.remote_mta = value;
        } else if (key == "attempts") {
            ok = set(r.attempts, parse_int<int>(value)) && r.attempts >= 0;
        } else if (key == "next-attempt") {
            ok = set(r.next_attempt, parse_int<VirtualTime>(value));
        } else if (key == "last-attempt") {
            ok = set(r.last_attempt, parse_int<VirtualTime>(value));
        } else if (key == "delay-warned") {
            ok = set(r.delay_warned, parse_flag(value));
        }
        return ok ? "" : "bad value for '" + std::string{key} + "'";
    }

    QueueEntry entry_;
    std::set<std::string> envelope_keys_;
    std::set<std::string> recipient_keys_;
    std::size_t message_length_ = 0;
};

}  // namespace

std::string serialize_queue_entry(const QueueEntry& entry) {
    const Envelope& env = entry.envelope;
    std::string out{kQueueFileMagic};
    out += '\n';
    const auto field = [&out](std::string_view key, std::string_view value) {
        out += key;
        out += ": ";
        out += escape(value);
        out += '\n';
    };
    field("id", format_queue_id(env.id));
    field("arrival", std::to_string(env.arrival));
    field("first-attempt", std::to_string(entry.first_attempt));
    field("sender", env.sender);
    if (!env.envid.empty()) field("envid", env.envid);
    field("ret", ret_name(env.ret));
    field("smtputf8", env.smtputf8 ? "1" : "0");
    field("8bitmime", env.eight_bit_mime ? "1" : "0");
    for (const auto& r : env.recipients) {
        field("rcpt", r.address);
        if (r.notify.given) field("notify", r.notify.to_string());
        if (!r.orcpt.empty()) field("orcpt", r.orcpt);
        field("state", to_string(r.state));
        if (r.reply.code != 0) field("reply", r.reply.to_string());
        if (!r.status.empty()) field("status", r.status);
        if (!r.remote_mta.empty()) field("remote-mta", r.remote_mta);
        field("attempts", std::to_string(r.attempts));
        field("next-attempt", std::to_string(r.next_attempt));
        field("last-attempt", std::to_string(r.last_attempt));
        field("delay-warned", r.delay_warned ? "1" : "0");
    }
    field("message-length", std::to_string(env.message.size()));
    out += '\n';
    out += env.message;
    return out;
}

QueueFileParse parse_queue_entry(std::string_view bytes) {
    const auto fail = [](std::size_t line, std::string what) {
        return QueueFileParse{std::nullopt, "line " + std::to_string(line) + ": " + what};
    };
    EntryReader reader;
    std::size_t pos = 0;
    std::size_t line_number = 0;
    while (true) {
        ++line_number;
        const auto lf = bytes.find('\n', pos);
        if (lf == std::string_view::npos) return fail(line_number, "file ends inside the header");
        const std::string_view line = bytes.substr(pos, lf - pos);
        pos = lf + 1;
        if (line.size() > kMaxQueueFileLineOctets) return fail(line_number, "line too long");
        if (line_number == 1) {
            if (line != kQueueFileMagic) return fail(1, "not a maillab queue file");
            continue;
        }
        if (line.empty()) break;
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos) return fail(line_number, "expected 'key: value'");
        const auto value = unescape(line.substr(colon + 2));
        if (!value) return fail(line_number, "bad %XX escape or raw control byte");
        if (auto error = reader.apply(line.substr(0, colon), *value); !error.empty()) {
            return fail(line_number, error);
        }
    }
    if (auto error = reader.missing(); !error.empty()) return fail(line_number, error);
    const std::size_t remaining = bytes.size() - pos;
    if (remaining != reader.message_length()) {
        return fail(line_number, "message is " + std::to_string(remaining) +
                                     " bytes, header says " +
                                     std::to_string(reader.message_length()) +
                                     (remaining < reader.message_length() ? " (truncated)" : ""));
    }
    reader.entry().envelope.message = std::string{bytes.substr(pos)};
    return QueueFileParse{std::move(reader.entry()), ""};
}

}  // namespace maillab::protocols::mta
