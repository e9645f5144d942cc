#include "protocols/mta/dsn.hpp"

#include <algorithm>

namespace maillab::protocols::mta {

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Header values never carry the peer's CR or LF through.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text)
        out.push_back(c == '\r' || c == '\n' ? ' ' : c);
    return out;
}

std::string address_field(std::string_view address) {
    return (is_ascii(address) ? "rfc822; " : "utf-8; ") + one_line(address);
}

std::string_view header_section(std::string_view message) {
    const auto crlf = message.find("\r\n\r\n");
    if (crlf != std::string_view::npos) return message.substr(0, crlf + 2);
    const auto lf = message.find("\n\n");
    if (lf != std::string_view::npos) return message.substr(0, lf + 1);
    return message;
}

DsnAction headline_action(const std::vector<DsnReport>& reports) {
    DsnAction worst = DsnAction::Delivered;
    for (const auto& r : reports) {
        if (r.action == DsnAction::Failed) return DsnAction::Failed;
        if (r.action == DsnAction::Delayed) worst = DsnAction::Delayed;
    }
    return worst;
}

std::string subject_for(DsnAction action) {
    switch (action) {
        case DsnAction::Failed:
            return "Undelivered Mail Returned to Sender";
        case DsnAction::Delayed:
            return "Delayed Mail (still being retried)";
        case DsnAction::Delivered:
        case DsnAction::Relayed:
            return "Successful Mail Delivery Report";
    }
    return "Delivery Status Notification";
}

std::string explain_action(const DsnReport& r, const DsnContext& context) {
    std::string line = "<" + one_line(r.address) + ">: ";
    const std::string who =
        r.remote_mta.empty() ? std::string{"the mail system"} : "host " + one_line(r.remote_mta);
    switch (r.action) {
        case DsnAction::Failed:
            line += "delivery failed for good";
            if (r.diagnostic.code != 0) {
                line += "; " + who + " said: " + one_line(r.diagnostic.to_string());
            }
            if (r.status == "4.4.7") {
                line += " (the message stayed in the queue until its lifetime ran out)";
            } else {
                line += " (a 5xx reply is permanent: trying again would not help)";
            }
            break;
        case DsnAction::Delayed:
            line += "not delivered yet";
            if (r.diagnostic.code != 0) {
                line += "; " + who + " said: " + one_line(r.diagnostic.to_string());
            }
            line += " (a 4xx reply or a connection problem is temporary";
            if (r.will_retry_until >= 0) {
                line += "; retries continue until " +
                        format_rfc5322_date(r.will_retry_until, context.epoch_unix_seconds);
            }
            line += ")";
            break;
        case DsnAction::Delivered:
            line += "delivered to the recipient's mailbox";
            break;
        case DsnAction::Relayed:
            line +=
                "handed to " + who + ", which does not offer DSN, so no further notice will come";
            break;
    }
    return line + "\r\n";
}

std::string human_part(const std::vector<DsnReport>& reports, const DsnContext& context) {
    std::string text = "This is the mail system at host " + context.reporting_host + ".\r\n\r\n";
    switch (headline_action(reports)) {
        case DsnAction::Failed:
            text +=
                "I'm sorry to have to inform you that your message could not\r\n"
                "be delivered to one or more recipients.\r\n";
            break;
        case DsnAction::Delayed:
            text +=
                "Your message could not be delivered yet. This is only a warning:\r\n"
                "the message stays in the queue and delivery will be retried.\r\n";
            break;
        case DsnAction::Delivered:
        case DsnAction::Relayed:
            text +=
                "Your message was successfully handed on, as you asked with\r\n"
                "NOTIFY=SUCCESS (RFC 3461).\r\n";
            break;
    }
    text += "\r\n";
    for (const auto& r : reports)
        text += explain_action(r, context);
    text +=
        "\r\nThis is a delivery status notification (RFC 3464). The next part\r\n"
        "lists the same facts for programs, one block per recipient; the\r\n"
        "last part is your original message or its header.\r\n";
    return text;
}

std::string status_part(const Envelope& original, const std::vector<DsnReport>& reports,
                        const DsnContext& context) {
    std::string text = "Reporting-MTA: dns; " + one_line(context.reporting_host) + "\r\n";
    if (!original.envid.empty()) {
        text += "Original-Envelope-Id: " + one_line(decode_xtext(original.envid)) + "\r\n";
    }
    text += "Arrival-Date: " + format_rfc5322_date(original.arrival, context.epoch_unix_seconds) +
            "\r\n";
    for (const auto& r : reports) {
        text += "\r\n";
        if (!r.orcpt.empty()) {
            std::string orcpt = one_line(decode_xtext(r.orcpt));
            const auto semi = orcpt.find(';');
            if (semi != std::string::npos && (semi + 1 == orcpt.size() || orcpt[semi + 1] != ' ')) {
                orcpt.insert(semi + 1, " ");
            }
            text += "Original-Recipient: " + orcpt + "\r\n";
        }
        text += "Final-Recipient: " + address_field(r.address) + "\r\n";
        text += "Action: " + std::string{to_string(r.action)} + "\r\n";
        text += "Status: " + one_line(r.status) + "\r\n";
        if (!r.remote_mta.empty()) text += "Remote-MTA: dns; " + one_line(r.remote_mta) + "\r\n";
        if (r.diagnostic.code != 0) {
            text += "Diagnostic-Code: smtp; " + one_line(r.diagnostic.to_string()) + "\r\n";
        }
        if (r.last_attempt >= 0) {
            text += "Last-Attempt-Date: " +
                    format_rfc5322_date(r.last_attempt, context.epoch_unix_seconds) + "\r\n";
        }
        if (r.action == DsnAction::Delayed && r.will_retry_until >= 0) {
            text += "Will-Retry-Until: " +
                    format_rfc5322_date(r.will_retry_until, context.epoch_unix_seconds) + "\r\n";
        }
    }
    return text;
}

bool return_whole_message(const Envelope& original, DsnAction headline) {
    if (original.ret == Ret::Full) return true;
    if (original.ret == Ret::Hdrs) return false;
    return headline == DsnAction::Failed;
}

std::string ensure_crlf_end(std::string text) {
    if (text.size() < 2 || text.compare(text.size() - 2, 2, "\r\n") != 0) text += "\r\n";
    return text;
}

}  // namespace

std::string_view to_string(DsnAction action) {
    switch (action) {
        case DsnAction::Failed:
            return "failed";
        case DsnAction::Delayed:
            return "delayed";
        case DsnAction::Delivered:
            return "delivered";
        case DsnAction::Relayed:
            return "relayed";
    }
    return "failed";
}

bool dsn_wanted(const Envelope& original, const Recipient& recipient, DsnAction action) {
    if (original.is_bounce()) return false;  // RFC 3464 §2: never answer a DSN with a DSN
    switch (action) {
        case DsnAction::Failed:
            return recipient.notify.wants_failure();
        case DsnAction::Delayed:
            return recipient.notify.wants_delay();
        case DsnAction::Delivered:
        case DsnAction::Relayed:
            return recipient.notify.wants_success();
    }
    return false;
}

DsnReport make_dsn_report(const Recipient& recipient, DsnAction action) {
    DsnReport report;
    report.address = recipient.address;
    report.orcpt = recipient.orcpt;
    report.action = action;
    report.status = recipient.status;
    if (report.status.empty()) {
        report.status = recipient.reply.enhanced.empty()
                            ? (action == DsnAction::Failed    ? "5.0.0"
                               : action == DsnAction::Delayed ? "4.0.0"
                                                              : "2.0.0")
                            : recipient.reply.enhanced;
    }
    report.diagnostic = recipient.reply;
    report.remote_mta = recipient.remote_mta;
    report.last_attempt = recipient.last_attempt;
    return report;
}

std::string decode_xtext(std::string_view text) {
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
            hex(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string compose_dsn(const Envelope& original, const std::vector<DsnReport>& reports,
                        const DsnContext& context) {
    const DsnAction headline = headline_action(reports);
    const bool whole = return_whole_message(original, headline);
    const std::string returned = ensure_crlf_end(
        std::string{whole ? std::string_view{original.message} : header_section(original.message)});
    const std::string human = human_part(reports, context);
    const std::string status = status_part(original, reports, context);

    // Deterministic, and made longer until no part contains it (RFC 2046 §5.1.1).
    std::string boundary =
        "maillab-dsn-" + format_queue_id(context.dsn_id) + "-" + std::to_string(context.now);
    while (returned.find(boundary) != std::string::npos)
        boundary += "=_";

    const std::string host = one_line(context.reporting_host);
    std::string out;
    out += "Date: " + format_rfc5322_date(context.now, context.epoch_unix_seconds) + "\r\n";
    out += "From: Mail Delivery System <MAILER-DAEMON@" + host + ">\r\n";
    out += "To: <" + one_line(original.sender) + ">\r\n";
    out += "Subject: " + subject_for(headline) + "\r\n";
    out += "Message-ID: <dsn." + format_queue_id(context.dsn_id) + "." +
           std::to_string(context.now) + "@" + host + ">\r\n";
    out += "Auto-Submitted: auto-replied\r\n";  // RFC 3834 §5
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/report; report-type=delivery-status;\r\n";
    out += "\tboundary=\"" + boundary + "\"\r\n";
    out += "\r\n";
    out += "This is a MIME-encapsulated message.\r\n\r\n";

    out += "--" + boundary + "\r\n";
    out += "Content-Description: Notification\r\n";
    out += "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    out += human + "\r\n";

    out += "--" + boundary + "\r\n";
    out += "Content-Description: Delivery report\r\n";
    out += "Content-Type: message/delivery-status\r\n\r\n";
    out += status + "\r\n";

    out += "--" + boundary + "\r\n";
    out += whole ? "Content-Description: Undelivered Message\r\n"
                   "Content-Type: message/rfc822\r\n"
                 : "Content-Description: Message Headers\r\n"
                   "Content-Type: text/rfc822-headers\r\n";
    if (!is_ascii(returned)) out += "Content-Transfer-Encoding: 8bit\r\n";
    out += "\r\n";
    out += returned;
    out += "\r\n--" + boundary + "--\r\n";
    return out;
}

Envelope make_dsn_envelope(const Envelope& original, const std::vector<DsnReport>& reports,
                           const DsnContext& context) {
    Envelope dsn;
    dsn.id = context.dsn_id;
    dsn.sender = "";
    Recipient to;
    to.address = original.sender;
    to.notify = Notify{.given = true, .never = true};
    to.next_attempt = context.now;
    dsn.recipients.push_back(std::move(to));
    dsn.message = compose_dsn(original, reports, context);
    dsn.arrival = context.now;
    dsn.smtputf8 = !is_ascii(original.sender);
    dsn.eight_bit_mime = !is_ascii(dsn.message);
    return dsn;
}

}  // namespace maillab::protocols::mta
