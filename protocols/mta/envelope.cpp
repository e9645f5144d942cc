#include "protocols/mta/envelope.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace maillab::protocols::mta {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// "x.y.z" per RFC 3463 §2: class 2/4/5, subject and detail 1..3 digits.
bool is_enhanced_code(std::string_view text) {
    if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5')) return false;
    std::size_t part_digits = 0;
    int dots = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (text[i] == '.') {
            if (i > 1 && part_digits == 0) return false;
            ++dots;
            part_digits = 0;
        } else if (is_digit(text[i]) && i > 1) {
            if (++part_digits > 3) return false;
        } else {
            return false;
        }
    }
    return dots == 2 && part_digits > 0;
}

}  // namespace

std::string format_queue_id(QueueId id) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    do {
        out.insert(out.begin(), kHex[id & 0xF]);
        id >>= 4;
    } while (id != 0);
    if (out.size() < kQueueIdDigits) {
        out.insert(0, static_cast<std::size_t>(kQueueIdDigits) - out.size(), '0');
    }
    return out;
}

std::optional<QueueId> parse_queue_id(std::string_view text) {
    if (text.empty() || text.size() > 16) return std::nullopt;
    QueueId id = 0;
    for (char c : text) {
        int v = 0;
        if (is_digit(c)) {
            v = c - '0';
        } else if (c >= 'A' && c <= 'F') {
            v = c - 'A' + 10;
        } else {
            return std::nullopt;
        }
        id = (id << 4) | static_cast<QueueId>(v);
    }
    if (format_queue_id(id) != text) return std::nullopt;  // one spelling per id
    return id;
}

std::string SmtpReply::to_string() const {
    std::string out = std::to_string(code);
    if (!enhanced.empty()) out += " " + enhanced;
    if (!text.empty()) out += " " + text;
    return out;
}

std::optional<SmtpReply> parse_smtp_reply(std::string_view line) {
    if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2])) {
        return std::nullopt;
    }
    SmtpReply reply;
    std::from_chars(line.data(), line.data() + 3, reply.code);
    if (reply.code < 200 || reply.code > 599) return std::nullopt;
    line.remove_prefix(3);
    if (!line.empty() && line[0] != ' ') return std::nullopt;
    if (!line.empty()) line.remove_prefix(1);
    const auto space = line.find(' ');
    const std::string_view first = line.substr(0, space);
    if (is_enhanced_code(first) && first[0] == static_cast<char>('0' + reply.code / 100)) {
        reply.enhanced = std::string{first};
        line = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    }
    reply.text = std::string{line};
    return reply;
}

std::string Notify::to_string() const {
    if (!given) return "";
    if (never) return "NEVER";
    std::string out;
    const auto add = [&out](bool on, std::string_view word) {
        if (!on) return;
        if (!out.empty()) out += ",";
        out += word;
    };
    add(success, "SUCCESS");
    add(failure, "FAILURE");
    add(delay, "DELAY");
    return out;
}

std::optional<Notify> parse_notify(std::string_view value) {
    Notify notify;
    notify.given = true;
    if (value.empty()) return std::nullopt;
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto comma = value.find(',', start);
        const std::string upper = [&] {
            std::string word{value.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start)};
            for (char& c : word) {
                if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            }
            return word;
        }();
        if (upper == "NEVER") {
            notify.never = true;
        } else if (upper == "SUCCESS") {
            notify.success = true;
        } else if (upper == "FAILURE") {
            notify.failure = true;
        } else if (upper == "DELAY") {
            notify.delay = true;
        } else {
            return std::nullopt;
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    if (notify.never && (notify.success || notify.failure || notify.delay)) return std::nullopt;
    return notify;
}

std::string_view to_string(RecipientState state) {
    switch (state) {
        case RecipientState::Pending:
            return "pending";
        case RecipientState::Deferred:
            return "deferred";
        case RecipientState::Delivered:
            return "delivered";
        case RecipientState::Bounced:
            return "bounced";
    }
    return "pending";
}

std::optional<RecipientState> recipient_state_from_string(std::string_view text) {
    for (auto state : {RecipientState::Pending, RecipientState::Deferred, RecipientState::Delivered,
                       RecipientState::Bounced}) {
        if (to_string(state) == text) return state;
    }
    return std::nullopt;
}

bool QueueEntry::done() const {
    return std::all_of(envelope.recipients.begin(), envelope.recipients.end(),
                       [](const Recipient& r) { return r.done(); });
}

VirtualTime QueueEntry::next_attempt() const {
    VirtualTime next = std::numeric_limits<VirtualTime>::max();
    for (const auto& r : envelope.recipients) {
        if (!r.done()) next = std::min(next, r.next_attempt);
    }
    return next;
}

std::string lower_ascii(std::string_view text) {
    std::string out{text};
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos) return "";
    return lower_ascii(address.substr(at + 1));
}

}  // namespace maillab::protocols::mta
