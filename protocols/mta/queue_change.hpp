// QueueChange: one state change of the queue, as a value the simulator copies
// into the trace (queued, attempt, deferred, delivered, bounced, DSN), each with
// a plain-language explanation and the RFC section behind it.
#pragma once

#include <string>
#include <string_view>

#include "protocols/core/explanation.hpp"
#include "protocols/mta/envelope.hpp"

namespace maillab::protocols::mta {

enum class ChangeKind {
    Queued,        // a message entered the queue
    Attempt,       // delivery to one domain of an entry starts
    Deferred,      // a recipient waits for its next retry (reply says why)
    Delivered,     // a recipient was accepted (2xx)
    Bounced,       // a recipient failed for good (5xx, or the lifetime ran out)
    DsnGenerated,  // a DSN about the entry was queued (dsn_id)
    StorageError,  // the queue directory could not be updated (note says why)
};
std::string_view to_string(ChangeKind kind);

struct QueueChange {
    ChangeKind kind = ChangeKind::Queued;
    QueueId id = 0;
    std::string recipient;  // Deferred/Delivered/Bounced: the address; DsnGenerated: its recipient
    SmtpReply reply;        // the reply that caused it (code 0: none)
    VirtualTime next_retry = -1;  // Deferred
    std::string domain;           // Attempt, and the domain of a result
    QueueId dsn_id = 0;           // DsnGenerated
    std::string note;             // extra detail in plain words
    core::Explanation why;
};

// The explanation a student sees for a change of this kind caused by `reply`.
core::Explanation explain_change(ChangeKind kind, const SmtpReply& reply);

}  // namespace maillab::protocols::mta
