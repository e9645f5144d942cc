#include "protocols/mta/queue_change.hpp"

namespace maillab::protocols::mta {

std::string_view to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Queued:
            return "queued";
        case ChangeKind::Attempt:
            return "attempt";
        case ChangeKind::Deferred:
            return "deferred";
        case ChangeKind::Delivered:
            return "delivered";
        case ChangeKind::Bounced:
            return "bounced";
        case ChangeKind::DsnGenerated:
            return "dsn";
        case ChangeKind::StorageError:
            return "storage_error";
    }
    return "queued";
}

core::Explanation explain_change(ChangeKind kind, const SmtpReply& reply) {
    switch (kind) {
        case ChangeKind::Queued:
            return {
                "the MTA took responsibility for the message: it is stored in the queue "
                "and will be delivered or returned to the sender",
                "RFC 5321 §4.5.4"};
        case ChangeKind::Attempt:
            return {"the MTA tries to hand the message to the next server for this domain",
                    "RFC 5321 §4.5.4.1"};
        case ChangeKind::Deferred:
            if (reply.transient() && reply.enhanced.rfind("4.4.", 0) != 0) {
                return {
                    "a 4xx reply means \"not now\": the message stays queued and the MTA "
                    "tries again later, following its retry schedule",
                    "RFC 5321 §4.2.1"};
            }
            return {
                "no server for the domain could be reached (or routing failed for now); "
                "the message stays queued and the MTA tries again later",
                "RFC 5321 §4.5.4.1"};
        case ChangeKind::Delivered:
            return {
                "a 2xx reply: the receiving server has taken responsibility for the "
                "message for this recipient",
                "RFC 5321 §4.2.1"};
        case ChangeKind::Bounced:
            if (!reply.permanent()) {
                return {
                    "the message waited in the queue longer than its lifetime, so the MTA "
                    "gives up and returns it to the sender",
                    "RFC 5321 §4.5.4.1"};
            }
            return {
                "a 5xx reply (or a routing answer such as a null MX) is a permanent "
                "failure: retrying would not help, so the message is returned to the sender",
                "RFC 5321 §4.2.1"};
        case ChangeKind::DsnGenerated:
            return {
                "a delivery status notification (DSN) tells the sender what happened; it is "
                "sent from the empty address <> so it can never cause another bounce",
                "RFC 3464 §2, RFC 3461 §6"};
        case ChangeKind::StorageError:
            return {
                "the queue file could not be written; mail the MTA has not stored safely "
                "must not be acknowledged",
                "RFC 5321 §6.1"};
    }
    return {};
}

}  // namespace maillab::protocols::mta
